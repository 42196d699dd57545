package dev.headroom.breaker.internal.backoff;

import dev.headroom.breaker.Backoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Draws each delay between the base and three times the previous delay, capped. */
public final class DecorrelatedJitterBackoff implements Backoff {

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final long baseNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    /**
     * Creates the backoff.
     *
     * @param baseDelay the shortest wait
     * @param maxDelay the longest wait
     * @param random values in {@code [0, 1)}
     */
    public DecorrelatedJitterBackoff(Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
        this.baseDelay = Durations.requirePositive("baseDelay", baseDelay);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxDelay must not be shorter than baseDelay: " + maxDelay + " < " + baseDelay);
        }
        this.maxDelay = maxDelay;
        this.baseNanos = Durations.toNanosSaturated(baseDelay);
        this.maxNanos = Durations.toNanosSaturated(maxDelay);
        this.random = random;
    }

    @Override
    public long delayNanos(int retry, long previousDelayNanos) {
        double previous = (double) Math.max(baseNanos, previousDelayNanos);
        double upper = Math.min((double) maxNanos, previous * 3.0);
        double delay = baseNanos + (upper - baseNanos) * Randoms.draw(random);
        return delay >= maxNanos ? maxNanos : (long) delay;
    }

    @Override
    public String toString() {
        return "decorrelatedJitter(" + baseDelay + " up to " + maxDelay + ')';
    }
}
