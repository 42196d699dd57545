package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Limit;

/**
 * A counter per fixed window. State: the window's index (31 bits, compared modulo 2^31) in the high
 * word and the count in the low word; a state of another window counts as empty.
 */
final class FixedWindowAlgorithm extends LocalAlgorithm {

    private static final long INDEX_MASK = 0x7FFF_FFFFL;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final long window;

    FixedWindowAlgorithm(Limit limit) {
        super(limit);
        this.window = limit.windowNanos();
    }

    private long index(long now) {
        return (now / window) & INDEX_MASK;
    }

    private long count(long state, long now) {
        return (state >>> 32) == index(now) ? state & COUNT_MASK : 0;
    }

    private static long pack(long index, long count) {
        return (index << 32) | count;
    }

    @Override
    boolean isAhead(long state, long now) {
        long difference = ((state >>> 32) - index(now)) & INDEX_MASK;
        return difference != 0 && difference < (1L << 30);
    }

    @Override
    long initial(long now) {
        return pack(index(now), 0);
    }

    @Override
    long consume(long state, long now, int permits) {
        long count = count(state, now);
        if (permits > limit.quota() || count + permits > limit.quota()) {
            return DENIED;
        }
        return pack(index(now), count + permits);
    }

    @Override
    long remaining(long state, long now) {
        return limit.quota() - count(state, now);
    }

    @Override
    long reset(long state, long now) {
        return count(state, now) == 0 ? 0 : window - now % window;
    }

    @Override
    long retryAfter(long state, long now, int permits) {
        return permits > limit.quota() ? Decision.NEVER : window - now % window;
    }

    @Override
    boolean isIdle(long state, long now) {
        return count(state, now) == 0;
    }

    @Override
    long undo(long state, long now, long consumed, int permits) {
        if ((state >>> 32) != (consumed >>> 32)) {
            return state; // The window of our permits is over: nothing to give back.
        }
        return pack(state >>> 32, Math.max(0, (state & COUNT_MASK) - permits));
    }
}
