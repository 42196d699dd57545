package dev.headroom.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.headroom.cache.CacheLoader;
import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A stampede: 1,000 threads released together miss one new key whose load (a 20 ms query) is
 * counted. Each invocation is one stampede; the score is how long the last of the 1,000 reads
 * took, and the tear-down prints how many loader calls each stampede made.
 *
 * <ul>
 *   <li>{@code headroom}: one cache instance with local and Redis tiers (single-flight: 1 call).
 *   <li>{@code headroomFleet}: four instances of one cache on one Redis with the lease on, 250
 *       readers each (1 call between them, where per-process single-flight alone makes 4).
 *   <li>{@code caffeine}: Caffeine's {@code get(key, mappingFunction)} (1 call, in one process).
 *   <li>{@code direct}: no cache (1,000 calls).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class StampedeBenchmark {

    private static final int READERS = 1_000;
    private static final int INSTANCES = 4;
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final long QUERY_MILLIS = 20;

    private final AtomicInteger loaderCalls = new AtomicInteger();
    private final LongSummaryStatistics callsPerStampede = new LongSummaryStatistics();
    private final AtomicInteger round = new AtomicInteger();
    private String subject = "";
    private String key = "";
    private BenchmarkRedis server;
    private HeadroomRedis redis;
    private TrafficCache<String> headroom;
    private final List<TrafficCache<String>> fleet = new ArrayList<>();
    private Cache<String, String> caffeine;
    private ExecutorService readers;

    /** Creates the state; JMH calls this. */
    public StampedeBenchmark() {}

    /** Starts the reader threads, the Redis, one cache, a fleet of four and a Caffeine cache. */
    @Setup(Level.Trial)
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
        String name = "bench-stampede-" + System.nanoTime();
        headroom = TrafficCache.builder(name, Codec.string()).redis(redis).build();
        TrafficCacheConfig leased = TrafficCacheConfig.builder()
                .lease(true)
                .leaseWait(Duration.ofSeconds(2))
                .build();
        for (int i = 0; i < INSTANCES; i++) {
            fleet.add(TrafficCache.builder(name + "-fleet", Codec.string())
                    .config(leased)
                    .redis(redis)
                    .build());
        }
        caffeine =
                Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
        readers = Executors.newFixedThreadPool(READERS);
    }

    /** Picks a key no stampede has read. */
    @Setup(Level.Invocation)
    public void newKey() {
        key = "stampede-" + round.incrementAndGet();
        loaderCalls.set(0);
    }

    /** Records how many loader calls the stampede made. */
    @TearDown(Level.Invocation)
    public void count() {
        callsPerStampede.accept(loaderCalls.get());
    }

    /** Prints the loader calls per stampede and closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.printf(
                "%n%s: loader calls per stampede of %d reads: min %d, max %d, mean %.2f over %d stampedes%n",
                subject,
                READERS,
                callsPerStampede.getMin(),
                callsPerStampede.getMax(),
                callsPerStampede.getAverage(),
                callsPerStampede.getCount());
        readers.shutdownNow();
        headroom.close();
        fleet.forEach(TrafficCache::close);
        redis.close();
        server.close();
    }

    private String query() throws InterruptedException {
        loaderCalls.incrementAndGet();
        Thread.sleep(QUERY_MILLIS);
        return "report for " + key;
    }

    /**
     * 1,000 concurrent misses on one Headroom cache.
     *
     * @return the number of reads answered
     * @throws Exception if a read failed
     */
    @Benchmark
    public int headroom() throws Exception {
        subject = "headroom";
        CacheLoader<String> loader = this::query;
        return stampede(reader -> headroom.getOrSet(key, TTL, loader));
    }

    /**
     * 1,000 concurrent misses spread over four instances of one cache sharing the lease.
     *
     * @return the number of reads answered
     * @throws Exception if a read failed
     */
    @Benchmark
    public int headroomFleet() throws Exception {
        subject = "headroomFleet";
        CacheLoader<String> loader = this::query;
        return stampede(reader -> fleet.get(reader % INSTANCES).getOrSet(key, TTL, loader));
    }

    /**
     * 1,000 concurrent misses on Caffeine.
     *
     * @return the number of reads answered
     * @throws Exception if a read failed
     */
    @Benchmark
    public int caffeine() throws Exception {
        subject = "caffeine";
        Function<String, String> loader = k -> {
            try {
                return query();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
        return stampede(reader -> caffeine.get(key, loader));
    }

    /**
     * 1,000 concurrent reads with no cache.
     *
     * @return the number of reads answered
     * @throws Exception if a read failed
     */
    @Benchmark
    public int direct() throws Exception {
        subject = "direct";
        return stampede(reader -> query());
    }

    /** One read of the stampede, by reader number. */
    @FunctionalInterface
    private interface Read {
        String read(int reader) throws Exception;
    }

    private int stampede(Read read) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> reads = new ArrayList<>(READERS);
        for (int i = 0; i < READERS; i++) {
            int reader = i;
            reads.add(readers.submit(() -> {
                start.await();
                return read.read(reader);
            }));
        }
        start.countDown();
        int answered = 0;
        for (Future<String> future : reads) {
            if (future.get(30, TimeUnit.SECONDS) != null) {
                answered++;
            }
        }
        return answered;
    }
}
