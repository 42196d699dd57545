package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * The answer of a {@link RateLimiter}: whether the permits were granted and, for the limit that
 * bound the decision, how much is left and when to come back. Immutable.
 *
 * <p>When several limits took part, the <em>binding</em> limit is reported: if denied, the denying
 * limit with the longest wait; if allowed, the limit with the fewest permits left. These are the
 * values the {@link RateLimitHeaders} send.
 */
public final class Decision {

    /** The {@link #retryAfterNanos()} of a request that can never pass: it asks more than the quota. */
    public static final long NEVER = Long.MAX_VALUE;

    /** Where a decision was made. */
    public enum Source {
        /** By an in-memory limiter. */
        LOCAL,
        /** By Redis, shared by every instance. */
        REDIS,
        /** Redis was unavailable and the failure policy allowed the request. */
        FAIL_OPEN,
        /** Redis was unavailable and the failure policy denied the request. */
        FAIL_CLOSED,
        /** Redis was unavailable and a local limiter sized for this instance's share decided. */
        LOCAL_FALLBACK
    }

    private final boolean allowed;
    private final String policy;
    private final Limit limit;
    private final long remaining;
    private final long resetNanos;
    private final long retryAfterNanos;
    private final Source source;

    /**
     * Creates a decision; limiters call this, and tests of code that consumes decisions may too.
     * Negative numbers read as 0, and an allowed decision has no wait.
     *
     * @param allowed whether the permits were granted
     * @param policy the policy's name
     * @param limit the binding limit
     * @param remaining permits left on the binding limit, at least 0
     * @param resetNanos nanoseconds until the binding limit is fully available again, at least 0
     * @param retryAfterNanos 0 if allowed; else nanoseconds until the same request may pass, or
     *     {@link #NEVER}
     * @param source where the decision was made
     */
    public Decision(
            boolean allowed,
            String policy,
            Limit limit,
            long remaining,
            long resetNanos,
            long retryAfterNanos,
            Source source) {
        this.allowed = allowed;
        this.policy = policy;
        this.limit = limit;
        this.remaining = Math.max(0, remaining);
        this.resetNanos = Math.max(0, resetNanos);
        this.retryAfterNanos = allowed ? 0 : Math.max(0, retryAfterNanos);
        this.source = source;
    }

    /**
     * Says whether the permits were granted.
     *
     * @return true if granted
     */
    public boolean isAllowed() {
        return allowed;
    }

    /**
     * Returns the name of the policy that decided.
     *
     * @return the policy's name
     */
    public String policy() {
        return policy;
    }

    /**
     * Returns the binding limit.
     *
     * @return the limit whose numbers this decision reports
     */
    public Limit limit() {
        return limit;
    }

    /**
     * Returns the binding limit's quota.
     *
     * @return {@code limit().quota()}
     */
    public long quota() {
        return limit.quota();
    }

    /**
     * Returns how many permits the binding limit has left after this decision.
     *
     * @return at least 0
     */
    public long remaining() {
        return remaining;
    }

    /**
     * Returns the time until the binding limit is fully available again (a bucket full, a window's
     * count gone).
     *
     * @return a duration, zero or positive
     */
    public Duration reset() {
        return Duration.ofNanos(resetNanos);
    }

    /**
     * Returns {@link #reset()} in nanoseconds, without allocating.
     *
     * @return at least 0
     */
    public long resetNanos() {
        return resetNanos;
    }

    /**
     * Returns how long to wait before the same request may pass.
     *
     * @return zero if allowed; {@link Duration#ofNanos(long)} of {@link #NEVER} if it can never pass
     */
    public Duration retryAfter() {
        return Duration.ofNanos(retryAfterNanos);
    }

    /**
     * Returns {@link #retryAfter()} in nanoseconds, without allocating.
     *
     * @return 0 if allowed, {@link #NEVER} if it can never pass
     */
    public long retryAfterNanos() {
        return retryAfterNanos;
    }

    /**
     * Returns where the decision was made.
     *
     * @return the source
     */
    public Source source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decision that
                && allowed == that.allowed
                && remaining == that.remaining
                && resetNanos == that.resetNanos
                && retryAfterNanos == that.retryAfterNanos
                && source == that.source
                && policy.equals(that.policy)
                && limit.equals(that.limit);
    }

    @Override
    public int hashCode() {
        int h = Boolean.hashCode(allowed);
        h = 31 * h + policy.hashCode();
        h = 31 * h + limit.hashCode();
        h = 31 * h + Long.hashCode(remaining);
        h = 31 * h + Long.hashCode(resetNanos);
        h = 31 * h + Long.hashCode(retryAfterNanos);
        return 31 * h + source.hashCode();
    }

    @Override
    public String toString() {
        return (allowed ? "ALLOWED" : "DENIED") + '{' + policy + '/' + limit.name() + ", remaining=" + remaining
                + ", reset=" + reset()
                + (allowed ? "" : ", retryAfter=" + (retryAfterNanos == NEVER ? "never" : retryAfter()))
                + ", source=" + source + '}';
    }
}
