package dev.headroom.ratelimit;

import dev.headroom.ratelimit.spi.HealthSignal;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link HealthSignal} from outcomes the caller records: overloaded when, since the previous
 * reading, at least {@code minCalls} calls were recorded and at least {@code threshold} of them
 * failed. Each reading starts a new count. Recording is lock-free and allocation-free.
 */
public final class ErrorRateSignal implements HealthSignal {

    private final double threshold;
    private final long minCalls;
    private final LongAdder successes = new LongAdder();
    private final LongAdder failures = new LongAdder();

    private ErrorRateSignal(double threshold, long minCalls) {
        this.threshold = threshold;
        this.minCalls = minCalls;
    }

    /**
     * Creates a signal.
     *
     * @param threshold the failure ratio at which the dependency counts as overloaded, in {@code (0, 1]}
     * @param minCalls the fewest calls in an interval for it to judge, at least 1
     * @return the signal
     * @throws IllegalArgumentException if a value is out of range
     */
    public static ErrorRateSignal of(double threshold, long minCalls) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        }
        if (minCalls < 1) {
            throw new IllegalArgumentException("minCalls must be at least 1: " + minCalls);
        }
        return new ErrorRateSignal(threshold, minCalls);
    }

    /** Records a successful call. */
    public void recordSuccess() {
        successes.increment();
    }

    /** Records a failed call. */
    public void recordFailure() {
        failures.increment();
    }

    @Override
    public boolean isOverloaded() {
        long failed = failures.sumThenReset();
        long total = failed + successes.sumThenReset();
        return total >= minCalls && failed >= threshold * total;
    }

    @Override
    public String toString() {
        return "ErrorRateSignal{threshold=" + threshold + ", minCalls=" + minCalls + '}';
    }
}
