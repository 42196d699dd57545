package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Limit;

/**
 * One limit's arithmetic on a key's state packed in one {@code long}, in nanoseconds since the
 * limiter's origin. Pure functions: the caller reads the state, asks, and compare-and-sets.
 *
 * <p>{@link #RETIRED} marks a state removed from its table; no algorithm ever produces it, nor
 * {@link #DENIED}, which {@link #consume} returns to refuse.
 */
abstract class LocalAlgorithm {

    /** The state of a cell that was dropped from its table; holders look the key up again. */
    static final long RETIRED = Long.MIN_VALUE;

    /** Returned by {@link #consume} when the permits are not available. */
    static final long DENIED = Long.MIN_VALUE + 1;

    final Limit limit;

    LocalAlgorithm(Limit limit) {
        this.limit = limit;
    }

    static LocalAlgorithm of(Limit limit) {
        return switch (limit.algorithm()) {
            case TOKEN_BUCKET, GCRA -> new TatAlgorithm(limit);
            case FIXED_WINDOW -> new FixedWindowAlgorithm(limit);
            case SLIDING_WINDOW -> new SlidingWindowAlgorithm(limit);
        };
    }

    /** The state of a key seen for the first time at {@code now}. */
    abstract long initial(long now);

    /**
     * The state after taking {@code permits} at {@code now}, or {@link #DENIED}. For 0 permits,
     * the state as it reads at {@code now}, which the caller does not write.
     */
    abstract long consume(long state, long now, int permits);

    /** Permits left in {@code state} at {@code now}. */
    abstract long remaining(long state, long now);

    /** Nanoseconds from {@code now} until the limit is fully available in {@code state}. */
    abstract long reset(long state, long now);

    /** For a denied request: nanoseconds until it could pass, or {@code Decision.NEVER}. */
    abstract long retryAfter(long state, long now, int permits);

    /**
     * Whether {@code state} was written at a time later than {@code now}, by a thread that read the
     * clock after this one: a window algorithm must then read the clock again rather than mistake
     * the newer window for an older one. A bucket never needs to, since an older time only makes
     * its decision stricter.
     */
    boolean isAhead(long state, long now) {
        return false;
    }

    /** Whether {@code state} is as good as a new key's, so dropping it loses nothing. */
    abstract boolean isIdle(long state, long now);

    /** {@code state} with {@code permits} given back, taken by a consume that produced {@code consumed}. */
    abstract long undo(long state, long now, long consumed, int permits);
}
