package dev.headroom.jobs.internal;

import java.time.Duration;

/**
 * The one seam through which the queues compute retry delays: a pure function of the retry number
 * and the previous delay, so a sequence can resume in another process.
 */
@FunctionalInterface
public interface RetryBackoff {

    /**
     * Returns the wait before retry number {@code retry}.
     *
     * @param retry the retry about to happen, from 1
     * @param previousDelayNanos the previous delay of the sequence, or 0 before the first retry
     * @return the delay in nanoseconds, never negative
     */
    long delayNanos(int retry, long previousDelayNanos);

    /**
     * Returns {@code min(max, initial * 2^(retry-1))}, never overflowing.
     *
     * @param initial the first delay
     * @param max the cap
     * @return the backoff
     */
    static RetryBackoff exponential(Duration initial, Duration max) {
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        return (retry, previous) -> {
            if (initialNanos <= 0) {
                return 0;
            }
            int shift = Math.max(0, retry - 1);
            if (shift >= 62 || initialNanos > (maxNanos >> shift)) {
                return maxNanos;
            }
            return Math.min(maxNanos, initialNanos << shift);
        };
    }
}
