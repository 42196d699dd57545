package dev.headroom.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of one in-memory limiter on one key, two threads deciding at once: Headroom's
 * lock-free token bucket ({@code headroom}, through the {@code RateLimiter} interface, key lookup
 * included) against Bucket4j's lock-free bucket, Resilience4j's {@code AtomicRateLimiter} and
 * Guava's {@code RateLimiter}, built by {@link LocalLimiters} for its two scenarios. Every method
 * answers a boolean, as the peers do. {@code clock} is one clock read and nothing else: no limiter
 * that reads the time per decision can pass it.
 *
 * <p>Aggregate throughput alone can flatter a limiter that parks a thread which lost a race: the
 * other thread then runs alone, uncontended. {@link LocalLimiterLatencyBenchmark} measures the same
 * calls' latency distribution, where such parking shows.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class LocalLimiterBenchmark {

    /** Creates the benchmark; JMH calls this. */
    public LocalLimiterBenchmark() {}

    /**
     * Headroom's in-memory token bucket.
     *
     * @param limiters the subjects
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean headroom(LocalLimiters limiters) {
        return limiters.headroom.tryAcquire(LocalLimiters.KEY).isAllowed();
    }

    /**
     * Bucket4j's lock-free local bucket.
     *
     * @param limiters the subjects
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean bucket4j(LocalLimiters limiters) {
        return limiters.bucket4j.tryConsume(1);
    }

    /**
     * Resilience4j's atomic rate limiter, not waiting.
     *
     * @param limiters the subjects
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean resilience4j(LocalLimiters limiters) {
        return limiters.resilience4j.acquirePermission();
    }

    /**
     * Not a limiter: one {@link System#nanoTime()} read, which every subject makes at least once per
     * call. Its throughput is the ceiling of any limiter that reads the time for each decision.
     *
     * @return the parity of the reading
     */
    @Benchmark
    public boolean clock() {
        return (System.nanoTime() & 1) == 0;
    }

    /**
     * Guava's smooth rate limiter, not waiting.
     *
     * @param limiters the subjects
     * @return whether the call was allowed
     */
    @Benchmark
    public boolean guava(LocalLimiters limiters) {
        return limiters.guava.tryAcquire();
    }
}
