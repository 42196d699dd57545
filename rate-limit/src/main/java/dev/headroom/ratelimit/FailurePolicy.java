package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * What a Redis component of this module (a {@link RateLimiter}, a {@link ConcurrencyLimiter}, an
 * {@link AbuseGuard}) answers while Redis is unavailable: a timeout, a disconnection, an error, or
 * its breaker open. Every component honours every mode; each such answer is counted in the
 * component's statistics and carries its {@link Decision.Source}. Immutable.
 */
public final class FailurePolicy {

    /** The wait a fail-closed denial reports by default: {@code PT1S}. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** What to do. */
    public enum Mode {
        /** Allow every request (grant every lease, pass every check): availability first. */
        FAIL_OPEN,
        /** Deny every request (refuse every lease, deny every check): protection first. */
        FAIL_CLOSED,
        /** Decide in memory, with this instance's share of every limit. */
        LOCAL_FALLBACK
    }

    private static final FailurePolicy OPEN = new FailurePolicy(Mode.FAIL_OPEN, 1.0, Duration.ZERO);

    private final Mode mode;
    private final double share;
    private final Duration retryAfter;

    private FailurePolicy(Mode mode, double share, Duration retryAfter) {
        this.mode = mode;
        this.share = share;
        this.retryAfter = retryAfter;
    }

    /**
     * Allow every request while Redis is unavailable.
     *
     * @return the policy
     */
    public static FailurePolicy failOpen() {
        return OPEN;
    }

    /**
     * Deny every request while Redis is unavailable, telling callers to retry after {@link
     * #DEFAULT_RETRY_AFTER}.
     *
     * @return the policy
     */
    public static FailurePolicy failClosed() {
        return failClosed(DEFAULT_RETRY_AFTER);
    }

    /**
     * Deny every request while Redis is unavailable.
     *
     * @param retryAfter the wait the denials report, zero or positive
     * @return the policy
     * @throws IllegalArgumentException if {@code retryAfter} is negative
     */
    public static FailurePolicy failClosed(Duration retryAfter) {
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        return new FailurePolicy(Mode.FAIL_CLOSED, 1.0, retryAfter);
    }

    /**
     * Decide in memory, each instance with {@code 1 / instances} of every quota and rate (at least 1),
     * so that the fleet as a whole stays near the policy while Redis is away.
     *
     * @param instances how many instances share the limit, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code instances} is less than 1
     */
    public static FailurePolicy localFallback(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1: " + instances);
        }
        return new FailurePolicy(Mode.LOCAL_FALLBACK, 1.0 / instances, Duration.ZERO);
    }

    /**
     * Returns what to do.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Returns the share of every limit a local fallback enforces.
     *
     * @return a fraction in {@code (0, 1]}; 1 unless {@link Mode#LOCAL_FALLBACK}
     */
    public double share() {
        return share;
    }

    /**
     * Returns the wait a fail-closed denial reports.
     *
     * @return the wait; zero unless {@link Mode#FAIL_CLOSED}
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FailurePolicy that
                && mode == that.mode
                && share == that.share
                && retryAfter.equals(that.retryAfter);
    }

    @Override
    public int hashCode() {
        return (mode.hashCode() * 31 + Double.hashCode(share)) * 31 + retryAfter.hashCode();
    }

    @Override
    public String toString() {
        return switch (mode) {
            case FAIL_OPEN -> "FailurePolicy[FAIL_OPEN]";
            case FAIL_CLOSED -> "FailurePolicy[FAIL_CLOSED, retryAfter=" + retryAfter + ']';
            case LOCAL_FALLBACK -> "FailurePolicy[LOCAL_FALLBACK, share=" + share + ']';
        };
    }
}
