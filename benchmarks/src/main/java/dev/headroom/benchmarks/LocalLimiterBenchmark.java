package dev.headroom.benchmarks;

import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.LocalRateLimiters;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One in-memory limiter on one key, two threads deciding at once: Headroom's lock-free token bucket
 * ({@code headroom}, through the {@code RateLimiter} interface, key lookup included) against
 * Bucket4j's lock-free bucket, Resilience4j's {@code AtomicRateLimiter} and Guava's {@code
 * RateLimiter}. Every method answers a boolean, as the peers do.
 *
 * <p>{@code scenario}: {@code allowing} gives every subject a quota no run can exhaust, so every
 * call takes a permit (a write on a contended word); {@code rejecting} gives 1000 per second, so
 * almost every call is refused, the case of a limiter under abuse. Limiters are rebuilt for each
 * iteration so every iteration starts from the same state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class LocalLimiterBenchmark {

    private static final String KEY = "user-42";

    /** Whether the limit lets calls through or refuses them. */
    @Param({"allowing", "rejecting"})
    public String scenario = "allowing";

    private RateLimiter headroom;
    private Bucket bucket4j;
    private io.github.resilience4j.ratelimiter.RateLimiter resilience4j;
    private com.google.common.util.concurrent.RateLimiter guava;

    /** Creates the state; JMH calls this. */
    public LocalLimiterBenchmark() {}

    /** Builds every subject with the same quota. */
    @Setup(Level.Iteration)
    public void setUp() {
        boolean allowing = scenario.equals("allowing");
        // Headroom refills at most one token per microsecond; its bucket holds 2^31 - 1, which no
        // iteration drains.
        long capacity = allowing ? Integer.MAX_VALUE : 1000;
        long perSecond = allowing ? 1_000_000 : 1000;
        headroom = LocalRateLimiters.ofDefaults()
                .limiter(RateLimitPolicy.of(
                        "bench", Limit.tokenBucket("b", capacity, perSecond, Duration.ofSeconds(1))));
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
        resilience4j = io.github.resilience4j.ratelimiter.RateLimiter.of(
                "bench",
                RateLimiterConfig.custom()
                        .limitForPeriod((int) capacity)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build());
        guava = com.google.common.util.concurrent.RateLimiter.create(allowing ? 1e9 : 1000);
    }

    /**
     * Headroom's in-memory token bucket.
     *
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean headroom() {
        return headroom.tryAcquire(KEY).isAllowed();
    }

    /**
     * Bucket4j's lock-free local bucket.
     *
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean bucket4j() {
        return bucket4j.tryConsume(1);
    }

    /**
     * Resilience4j's atomic rate limiter, not waiting.
     *
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean resilience4j() {
        return resilience4j.acquirePermission();
    }

    /**
     * Guava's smooth rate limiter, not waiting.
     *
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean guava() {
        return guava.tryAcquire();
    }
}
