package dev.headroom.breaker.internal.backoff;

import dev.headroom.breaker.Backoff;
import java.time.Duration;

/** Waits the same time before every retry. */
public final class FixedBackoff implements Backoff {

    private final Duration delay;
    private final long delayNanos;

    /**
     * Creates the backoff.
     *
     * @param delay the wait before every retry
     */
    public FixedBackoff(Duration delay) {
        this.delay = Durations.requireNonNegative("delay", delay);
        this.delayNanos = Durations.toNanosSaturated(delay);
    }

    @Override
    public long delayNanos(int retry, long previousDelayNanos) {
        return delayNanos;
    }

    @Override
    public String toString() {
        return "fixed(" + delay + ')';
    }
}
