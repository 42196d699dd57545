package dev.headroom.benchmarks;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.ratelimit.FailurePolicy;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterConfig;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One rate-limit decision on Redis, 16 callers at once, on one hot key or spread over 10,000 keys:
 * {@code headroom} (one EVALSHA of its token-bucket script, Redis time), {@code bucket4j} (its
 * Lettuce proxy manager: compare-and-swap, at least two round trips), {@code redisson} ({@code
 * RRateLimiter.tryAcquire}, one EVAL over its permit log), {@code lettuce}: an EVALSHA of a
 * script that returns 1 at once on a plain Lettuce connection, the floor of any one-script
 * decision, and {@code lettuceScript}: Headroom's script on that plain connection, which splits
 * the gap to the floor into Redis's work and Headroom's client. Every subject's quota is far above
 * what the run can use, so every call is a permitted write; each method answers whether it was
 * allowed.
 *
 * <p><b>Warm-up.</b> 8 iterations of 2 s for every subject. With 16 callers on a 2-core machine the
 * JIT compilers compete with the callers: for the first 8 to 10 s of a fork the JVM uses nearly
 * both cores while Redis idles, and throughput rises until then (the floor's from 19 to 38
 * decisions/ms over 14 s). A shorter warm-up measures the compilers along with the subject, and
 * flatters a slow subject against a fast one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(16)
@Fork(1)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 3)
public class RedisLimiterBenchmark {

    private static final String NOOP = "return 1";
    private static final long RATE = 1_000_000;

    /** How many keys the callers spread over: one hot key, or many. */
    @Param({"1", "10000"})
    public int keys = 1;

    private BenchmarkRedis server;
    private String[] names;
    private byte[][] nameBytes;

    private HeadroomRedis headroomRedis;
    private RateLimiter headroom;

    private RedisClient bucket4jClient;
    private BucketProxy[] bucket4j;

    private RedissonClient redissonClient;
    private RRateLimiter[] redisson;

    private RedisClient lettuceClient;
    private StatefulRedisConnection<byte[], byte[]> lettuceConnection;
    private RedisCommands<byte[], byte[]> lettuce;
    private String noopSha;
    private String bucketSha;
    private byte[][] bucketKeys;
    private byte[][] bucketArgs;

    /** Creates the state; JMH calls this. */
    public RedisLimiterBenchmark() {}

    /** Per-thread position in the key space. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        /** Creates a cursor; JMH calls this. */
        public Cursor() {}

        int advance(int bound) {
            int at = next;
            next = at + 1 == bound ? 0 : at + 1;
            return at;
        }
    }

    /** Starts Redis and connects every subject; Redisson's limiters are configured up front. */
    @Setup
    public void setUp() {
        server = BenchmarkRedis.acquire();
        names = new String[keys];
        nameBytes = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            names[i] = "user-" + i;
            nameBytes[i] = ("b4j:user-" + i).getBytes(StandardCharsets.UTF_8);
        }

        headroomRedis = connect(server.uri());
        // A breaker that judges only errors: a loaded benchmark machine must not divert decisions to
        // the failure policy, and the tear-down fails the trial if any decision went there.
        headroom = RateLimiter.redis(
                RateLimitPolicy.of("bench", Limit.tokenBucket("b", RATE, RATE, Duration.ofSeconds(1))),
                RateLimiterConfig.builder()
                        .failurePolicy(FailurePolicy.failClosed())
                        .redisBreaker(CircuitBreaker.of(
                                "bench",
                                CircuitBreakerConfig.DEFAULT_REDIS_BREAKER.toBuilder()
                                        .slowCallDuration(Duration.ofSeconds(30))
                                        .build()))
                        .build(),
                headroomRedis);

        bucket4jClient = RedisClient.create(server.uri());
        LettuceBasedProxyManager<byte[]> proxyManager = Bucket4jLettuce.casBasedBuilder(bucket4jClient)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(RATE).refillGreedy(RATE, Duration.ofSeconds(1)))
                .build();
        bucket4j = new BucketProxy[keys];
        for (int i = 0; i < keys; i++) {
            bucket4j[i] = proxyManager.getProxy(nameBytes[i], () -> configuration);
        }

        Config config = new Config();
        config.useSingleServer().setAddress(server.uri());
        redissonClient = Redisson.create(config);
        redisson = new RRateLimiter[keys];
        for (int i = 0; i < keys; i++) {
            redisson[i] = redissonClient.getRateLimiter("redisson:" + names[i]);
            redisson[i].trySetRate(RateType.OVERALL, RATE, Duration.ofSeconds(1));
        }

        lettuceClient = RedisClient.create(server.uri());
        lettuceConnection = lettuceClient.connect(ByteArrayCodec.INSTANCE);
        lettuce = lettuceConnection.sync();
        noopSha = lettuce.scriptLoad(NOOP.getBytes(StandardCharsets.UTF_8));
        bucketSha = lettuce.scriptLoad(bucketScript());
        bucketKeys = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            // Headroom's key layout: hr:{rl:<policy>:<key>}:<scope>:<limit>.
            bucketKeys[i] = ("hr:{rl:bench:" + names[i] + "}:key:b").getBytes(StandardCharsets.UTF_8);
        }
        // bucket.lua's production arguments for one permit: cost and tau, in microseconds.
        long interval = TimeUnit.SECONDS.toMicros(1) / RATE;
        bucketArgs = new byte[][] {ascii(interval), ascii(interval * RATE)};
    }

    private static byte[] bucketScript() {
        try (InputStream in = RedisLimiterBenchmark.class
                .getClassLoader()
                .getResourceAsStream("dev/headroom/ratelimit/internal/bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("bucket.lua is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Connects, retrying: on a loaded machine a just-started server may refuse the first attempt. */
    private static HeadroomRedis connect(String uri) {
        RedisSettings settings = RedisSettings.builder()
                .connectTimeout(Duration.ofSeconds(10))
                .commandTimeout(Duration.ofSeconds(2))
                .build();
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return HeadroomRedis.connect(uri, settings);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Closes every subject and stops a server this trial started. */
    @TearDown
    public void tearDown() {
        long failures = headroom.stats().redisFailures();
        long decisions = headroom.stats().allowed() + headroom.stats().denied();
        lettuceConnection.close();
        lettuceClient.shutdown();
        redissonClient.shutdown();
        bucket4jClient.shutdown();
        headroomRedis.close();
        server.close();
        if (failures > 0) {
            throw new IllegalStateException(failures + " of " + decisions
                    + " headroom decisions were answered by the failure policy, not Redis: the trial is invalid");
        }
    }

    /**
     * Headroom's Redis token bucket: one EVALSHA per decision.
     *
     * @param cursor the thread's key position
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean headroom(Cursor cursor) {
        return headroom.tryAcquire(names[cursor.advance(keys)]).isAllowed();
    }

    /**
     * Bucket4j's Lettuce-based distributed bucket (compare-and-swap).
     *
     * @param cursor the thread's key position
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean bucket4j(Cursor cursor) {
        return bucket4j[cursor.advance(keys)].tryConsume(1);
    }

    /**
     * Redisson's {@code RRateLimiter}.
     *
     * @param cursor the thread's key position
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean redisson(Cursor cursor) {
        return redisson[cursor.advance(keys)].tryAcquire();
    }

    /**
     * Headroom's own script ({@code bucket.lua}, with the arguments Headroom sends) on the floor's
     * plain Lettuce connection: Redis's share of a {@code headroom} decision without Headroom's
     * client (key building, circuit breaker, decision object).
     *
     * @param cursor the thread's key position
     * @return whether the script allowed the call
     */
    @Benchmark
    public boolean lettuceScript(Cursor cursor) {
        byte[][] key = {bucketKeys[cursor.advance(keys)]};
        Long reply = lettuce.evalsha(bucketSha, ScriptOutputType.INTEGER, key, bucketArgs);
        return reply != null && reply >= 0;
    }

    /**
     * The floor: an EVALSHA of a script that returns at once, on a plain Lettuce connection.
     *
     * @param cursor the thread's key position
     * @return true when the script answered 1
     */
    @Benchmark
    public boolean lettuce(Cursor cursor) {
        byte[][] key = {nameBytes[cursor.advance(keys)]};
        Long reply = lettuce.evalsha(noopSha, ScriptOutputType.INTEGER, key);
        return reply != null && reply == 1L;
    }
}
