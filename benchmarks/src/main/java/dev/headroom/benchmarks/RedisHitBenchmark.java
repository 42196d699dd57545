package dev.headroom.benchmarks;

import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Redis hit with the local tier off: {@code headroom} is {@link TrafficCache#getOrSet} of a
 * 100-byte value (one {@code GET} behind the circuit breaker, the envelope decoded, the freshness
 * judged); {@code lettuce} is a raw Lettuce {@code GET} of the same key, returning the same stored
 * bytes undecoded: the floor. Four threads share each connection. The goal is at most 1.2x
 * Lettuce's time per read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class RedisHitBenchmark {

    private static final String NAME = "bench-redis-hit";
    private static final String KEY = "dashboard:42";
    private static final Duration TTL = Duration.ofHours(1);

    private BenchmarkRedis server;
    private HeadroomRedis redis;
    private TrafficCache<byte[]> headroom;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private RedisCommands<byte[], byte[]> lettuce;
    private byte[] storedKey;

    /** Creates the state; JMH calls this. */
    public RedisHitBenchmark() {}

    /** Connects both subjects to one Redis, stores the value and finds the key it lives under. */
    @Setup
    public void setUp() {
        server = BenchmarkRedis.acquire();
        // A busy machine may need more than the default 250 ms for the first handshake, which Lettuce
        // bounds by the command timeout; no command of the measurement comes near either bound.
        redis = HeadroomRedis.connect(
                server.uri(),
                RedisSettings.builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .commandTimeout(Duration.ofSeconds(1))
                        .build());
        headroom = TrafficCache.builder(NAME, Codec.bytes())
                .config(TrafficCacheConfig.builder().localTier(false).build())
                .redis(redis)
                .build();
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'v');
        if (!headroom.put(KEY, value, TTL)) {
            throw new IllegalStateException("cannot write the benchmark value to " + server.uri());
        }
        client = RedisClient.create(server.uri());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        lettuce = connection.sync();
        KeyScanCursor<byte[]> keys = lettuce.scan(
                ScanArgs.Builder.matches("hr:{c:" + NAME + ":*}:v*:" + KEY).limit(10_000));
        while (keys.getKeys().isEmpty() && !keys.isFinished()) {
            keys = lettuce.scan(
                    keys,
                    ScanArgs.Builder.matches("hr:{c:" + NAME + ":*}:v*:" + KEY).limit(10_000));
        }
        storedKey = keys.getKeys().get(0);
    }

    private static byte[] mustNotLoad() {
        throw new IllegalStateException("the value is in Redis; a load means the benchmark is wrong");
    }

    /** Closes both subjects and stops a server this trial started. */
    @TearDown
    public void tearDown() {
        connection.close();
        client.shutdown();
        headroom.close();
        redis.close();
        server.close();
    }

    /**
     * A Redis hit through Headroom, local tier off.
     *
     * @return the value read
     */
    @Benchmark
    public byte[] headroom() {
        return headroom.getOrSet(KEY, TTL, RedisHitBenchmark::mustNotLoad);
    }

    /**
     * A raw Lettuce {@code GET} of the same stored bytes: the floor.
     *
     * @return the bytes read
     */
    @Benchmark
    public byte[] lettuce() {
        return lettuce.get(storedKey);
    }
}
