package dev.headroom.benchmarks;

import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterConfig;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory limiters that {@link LocalLimiterBenchmark} and {@link LocalLimiterLatencyBenchmark}
 * compare, one per library, each with the same quota on one key, shared by every benchmark thread.
 *
 * <p>{@code scenario}: {@code allowing} gives every subject a quota no run can exhaust, so every
 * call takes a permit (a write on a contended word); {@code rejecting} gives 1000 per second, so
 * almost every call is refused, the case of a limiter under abuse. Limiters are rebuilt for each
 * iteration so every iteration starts from the same state.
 */
@State(Scope.Benchmark)
public class LocalLimiters {

    /** The one key every call decides on. */
    static final String KEY = "user-42";

    /** Whether the limit lets calls through or refuses them. */
    @Param({"allowing", "rejecting"})
    public String scenario = "allowing";

    RateLimiter headroom;
    Bucket bucket4j;
    io.github.resilience4j.ratelimiter.RateLimiter resilience4j;
    com.google.common.util.concurrent.RateLimiter guava;

    /** Creates the state; JMH calls this. */
    public LocalLimiters() {}

    /** Builds every subject with the same quota. */
    @Setup(Level.Iteration)
    public void setUp() {
        boolean allowing = scenario.equals("allowing");
        // Headroom refills at most one token per microsecond; its bucket holds 2^31 - 1, which no
        // iteration drains.
        long capacity = allowing ? Integer.MAX_VALUE : 1000;
        long perSecond = allowing ? 1_000_000 : 1000;
        headroom = RateLimiter.local(
                RateLimitPolicy.of("bench", Limit.tokenBucket("b", capacity, perSecond, Duration.ofSeconds(1))),
                RateLimiterConfig.ofDefaults());
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
        resilience4j = io.github.resilience4j.ratelimiter.RateLimiter.of(
                "bench",
                io.github.resilience4j.ratelimiter.RateLimiterConfig.custom()
                        .limitForPeriod((int) capacity)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build());
        guava = com.google.common.util.concurrent.RateLimiter.create(allowing ? 1e9 : 1000);
    }
}
