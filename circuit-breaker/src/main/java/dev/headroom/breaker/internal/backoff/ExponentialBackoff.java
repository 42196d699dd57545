package dev.headroom.breaker.internal.backoff;

import dev.headroom.breaker.Backoff;
import java.time.Duration;

/** Grows geometrically from an initial delay up to a cap. */
public final class ExponentialBackoff implements Backoff {

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final long initialNanos;
    private final long maxNanos;

    /**
     * Creates the backoff.
     *
     * @param initialDelay the wait before the first retry
     * @param multiplier the growth factor per retry
     * @param maxDelay the longest wait
     */
    public ExponentialBackoff(Duration initialDelay, double multiplier, Duration maxDelay) {
        this.initialDelay = Durations.requirePositive("initialDelay", initialDelay);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1.0 and finite: " + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxDelay must not be shorter than initialDelay: " + maxDelay + " < " + initialDelay);
        }
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.initialNanos = Durations.toNanosSaturated(initialDelay);
        this.maxNanos = Durations.toNanosSaturated(maxDelay);
    }

    @Override
    public long delayNanos(int retry, long previousDelayNanos) {
        double delay = initialNanos * Math.pow(multiplier, Math.max(0, retry - 1));
        return delay >= maxNanos ? maxNanos : (long) delay;
    }

    @Override
    public String toString() {
        return "exponential(" + initialDelay + " x" + multiplier + " up to " + maxDelay + ')';
    }
}
