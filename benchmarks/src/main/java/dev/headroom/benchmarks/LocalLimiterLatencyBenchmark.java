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
 * The latency distribution of the calls {@link LocalLimiterBenchmark} times in aggregate: the same
 * subjects ({@link LocalLimiters}), the same two threads on one key, sampled one call at a time
 * ({@link Mode#SampleTime}), so that the percentiles show what a caller waits. A limiter that backs
 * off a lost compare-and-set by parking the thread (Resilience4j parks for
 * {@code LockSupport.parkNanos(1)}, which Linux rounds up to its timer slack, 50 µs by default)
 * wins aggregate throughput by letting the other thread run alone, and pays for it here, in its
 * upper percentiles. JMH's own clock reads around each sampled call are in every figure alike.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class LocalLimiterLatencyBenchmark {

    /** Creates the benchmark; JMH calls this. */
    public LocalLimiterLatencyBenchmark() {}

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
