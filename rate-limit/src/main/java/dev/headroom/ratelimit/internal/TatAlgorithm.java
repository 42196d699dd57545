package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Limit;

/**
 * Token bucket and GCRA as a theoretical arrival time (TAT): the state is the instant at which the
 * bucket would be full again. With {@code T} the interval per token and {@code tau = capacity x T},
 * {@code available = (now + tau - tat) / T}; taking {@code n} moves the TAT by {@code n x T}, and is
 * allowed while the new TAT is at most {@code tau} ahead of now. A TAT in the past is a full bucket.
 */
final class TatAlgorithm extends LocalAlgorithm {

    private final long interval;
    private final long tau;
    private final long initialDebt;

    TatAlgorithm(Limit limit) {
        super(limit);
        this.interval = limit.intervalNanos();
        this.tau = limit.windowNanos();
        this.initialDebt = (limit.quota() - limit.initialTokens()) * interval;
    }

    /** The TAT read at {@code now}: never in the past, never more than a full bucket ahead. */
    private long tat(long state, long now) {
        return Math.min(Math.max(state, now), now + tau);
    }

    @Override
    long initial(long now) {
        return now + initialDebt;
    }

    @Override
    long consume(long state, long now, int permits) {
        long tat = tat(state, now);
        if (permits > limit.quota()) {
            return DENIED;
        }
        long next = tat + permits * interval;
        return next - now <= tau ? next : DENIED;
    }

    @Override
    long remaining(long state, long now) {
        return (tau - (tat(state, now) - now)) / interval;
    }

    @Override
    long reset(long state, long now) {
        return tat(state, now) - now;
    }

    @Override
    long retryAfter(long state, long now, int permits) {
        if (permits > limit.quota()) {
            return Decision.NEVER;
        }
        return tat(state, now) + permits * interval - tau - now;
    }

    @Override
    boolean isIdle(long state, long now) {
        return state <= now;
    }

    @Override
    long undo(long state, long now, long consumed, int permits) {
        return state - permits * interval;
    }
}
