package dev.headroom.jobs;

import java.time.Duration;

/**
 * How many finished jobs a queue keeps, and for how long: a job is removed once more than {@code
 * maxCount} newer jobs finished in the same state, or {@code maxAge} after it finished, whichever
 * comes first. This bounds the memory of finished jobs. Counting applies the bound of the job that
 * just finished to every job in its state, so give a queue's jobs one retention; a job whose
 * {@code maxCount} is 0 removes only itself.
 *
 * @param maxCount the most finished jobs kept; 0 removes a job as soon as it finishes
 * @param maxAge the longest a finished job is kept
 */
public record Retention(long maxCount, Duration maxAge) {

    /**
     * The longest {@code maxAge}: 100 years, {@code PT876600H}. Ages are kept in Redis as key
     * expiries in milliseconds, which must stay exact and far from overflow.
     */
    public static final Duration MAX_AGE = Duration.ofDays(36_525);

    /** Completed jobs kept unless configured otherwise: the last 1,000, for at most one day. */
    public static final Retention DEFAULT_COMPLETED = new Retention(1_000, Duration.ofDays(1));

    /** Failed and dead jobs kept unless configured otherwise: the last 10,000, for at most 14 days. */
    public static final Retention DEFAULT_FAILED = new Retention(10_000, Duration.ofDays(14));

    /**
     * Validates the bounds.
     *
     * @param maxCount the most finished jobs kept, not negative
     * @param maxAge the longest a finished job is kept, positive, at most {@link #MAX_AGE}
     * @throws IllegalArgumentException if a bound is out of range
     */
    public Retention {
        if (maxCount < 0) {
            throw new IllegalArgumentException("retention maxCount must not be negative: " + maxCount);
        }
        if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException("retention maxAge must be positive and at most 100 years: " + maxAge);
        }
    }

    /**
     * Returns a retention that keeps at most {@code maxCount} jobs for at most {@code maxAge}.
     *
     * @param maxCount the most finished jobs kept, not negative
     * @param maxAge the longest a finished job is kept, positive, at most {@link #MAX_AGE}
     * @return the retention
     * @throws IllegalArgumentException if a bound is out of range
     */
    public static Retention keep(long maxCount, Duration maxAge) {
        return new Retention(maxCount, maxAge);
    }

    /**
     * Returns a retention that removes a job as soon as it finishes.
     *
     * @return a retention of zero jobs
     */
    public static Retention none() {
        return new Retention(0, Duration.ofMillis(1));
    }
}
