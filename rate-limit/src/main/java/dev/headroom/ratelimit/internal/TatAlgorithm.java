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
    private final long quota;
    private final long initialDebt;
    /** {@code floor((2^64 - 1) / interval)}, so that {@link #tokens} multiplies instead of dividing. */
    private final long reciprocal;

    TatAlgorithm(Limit limit) {
        super(limit);
        this.interval = limit.intervalNanos();
        this.tau = limit.windowNanos();
        this.quota = limit.quota();
        this.initialDebt = (quota - limit.initialTokens()) * interval;
        this.reciprocal = interval > 1 ? Long.divideUnsigned(-1L, interval) : 0;
    }

    /**
     * {@code credit / interval} for {@code 0 <= credit}, without a 64-bit division (tens of cycles
     * on the hot path): with {@code m = floor((2^64 - 1) / interval)} and {@code interval >= 2}, the
     * high word of {@code credit x m} is the quotient or one less, for any {@code credit < 2^63}.
     */
    private long tokens(long credit) {
        if (interval == 1) {
            return credit;
        }
        long q = Math.multiplyHigh(credit, reciprocal);
        return credit - q * interval >= interval ? q + 1 : q;
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
        if (permits > quota) {
            return DENIED;
        }
        long next = tat + permits * interval;
        return next - now <= tau ? next : DENIED;
    }

    @Override
    long remaining(long state, long now) {
        return tokens(tau - (tat(state, now) - now));
    }

    @Override
    long reset(long state, long now) {
        return tat(state, now) - now;
    }

    @Override
    long retryAfter(long state, long now, int permits) {
        if (permits > quota) {
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
