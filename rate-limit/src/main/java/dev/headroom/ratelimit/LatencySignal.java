package dev.headroom.ratelimit;

import dev.headroom.ratelimit.spi.HealthSignal;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link HealthSignal} from latencies the caller records: overloaded when the mean latency since
 * the previous reading is at least {@code threshold}. An interval without samples is healthy. Each
 * reading starts a new mean. Recording is lock-free and allocation-free.
 */
public final class LatencySignal implements HealthSignal {

    private final long thresholdNanos;
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();

    private LatencySignal(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
    }

    /**
     * Creates a signal.
     *
     * @param threshold the mean latency from which the dependency counts as overloaded, positive
     * @return the signal
     * @throws IllegalArgumentException if {@code threshold} is zero or negative
     */
    public static LatencySignal of(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("threshold must be positive: " + threshold);
        }
        return new LatencySignal(threshold.toNanos());
    }

    /**
     * Records one call's latency.
     *
     * @param nanos the latency in nanoseconds
     */
    public void record(long nanos) {
        count.increment();
        totalNanos.add(Math.max(0, nanos));
    }

    @Override
    public boolean isOverloaded() {
        long samples = count.sumThenReset();
        long total = totalNanos.sumThenReset();
        return samples > 0 && total / samples >= thresholdNanos;
    }

    @Override
    public String toString() {
        return "LatencySignal{threshold=" + Duration.ofNanos(thresholdNanos) + '}';
    }
}
