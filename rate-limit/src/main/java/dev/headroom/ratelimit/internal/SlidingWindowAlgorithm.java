package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Limit;

/**
 * The sliding window counter: {@code estimate = previous x (window - elapsed) / window + current}.
 * State: the current window's index (21 bits, compared modulo 2^21), the previous window's count and
 * the current one's (21 bits each). The arithmetic is the Redis script's, operation for operation,
 * so both agree to the request.
 */
final class SlidingWindowAlgorithm extends LocalAlgorithm {

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;
    private static final long MICRO = 1_000L;

    private final long window;

    SlidingWindowAlgorithm(Limit limit) {
        super(limit);
        this.window = limit.windowNanos();
    }

    private static long pack(long index, long previous, long current) {
        return ((index & MASK) << (2 * BITS)) | (previous << BITS) | current;
    }

    private static long indexOf(long state) {
        return state >>> (2 * BITS);
    }

    private static long previousOf(long state) {
        return (state >>> BITS) & MASK;
    }

    private static long currentOf(long state) {
        return state & MASK;
    }

    /** The state re-read in the window of {@code now}: counts shifted or cleared as windows passed. */
    private long normalize(long state, long now) {
        long index = now / window;
        long stored = indexOf(state);
        if (stored == (index & MASK)) {
            return state;
        }
        if (stored == ((index - 1) & MASK)) {
            return pack(index, currentOf(state), 0);
        }
        return pack(index, 0, 0);
    }

    private double estimate(long normalized, long now) {
        long elapsed = now % window;
        return (double) previousOf(normalized) * (window - elapsed) / window + currentOf(normalized);
    }

    @Override
    boolean isAhead(long state, long now) {
        long difference = (indexOf(state) - now / window) & MASK;
        return difference != 0 && difference < (1L << (BITS - 1));
    }

    @Override
    long initial(long now) {
        return pack(now / window, 0, 0);
    }

    @Override
    long consume(long state, long now, int permits) {
        long normalized = normalize(state, now);
        if (permits > limit.quota() || estimate(normalized, now) + permits > limit.quota()) {
            return DENIED;
        }
        return normalized + permits;
    }

    @Override
    long remaining(long state, long now) {
        return (long) Math.floor(limit.quota() - estimate(normalize(state, now), now));
    }

    @Override
    long reset(long state, long now) {
        long normalized = normalize(state, now);
        long toWindowEnd = window - now % window;
        if (currentOf(normalized) > 0) {
            return toWindowEnd + window;
        }
        return previousOf(normalized) > 0 ? toWindowEnd : 0;
    }

    @Override
    long retryAfter(long state, long now, int permits) {
        if (permits > limit.quota()) {
            return Decision.NEVER;
        }
        long normalized = normalize(state, now);
        long elapsed = now % window;
        long previous = previousOf(normalized);
        long current = currentOf(normalized);
        long room = limit.quota() - current - permits;
        // Computed in whole microseconds, as the Redis script does.
        long windowMicros = window / MICRO;
        if (room >= 0 && previous > 0) {
            // previous x (window - e) / window <= room  <=>  e >= window - room x window / previous
            long at = windowMicros - (long) Math.floor((double) room * windowMicros / previous);
            return Math.max(MICRO, at * MICRO - elapsed);
        }
        // In the next window this window's count becomes the weighted one.
        long roomNext = limit.quota() - permits;
        long at = current == 0
                ? 0
                : Math.max(0, windowMicros - (long) Math.floor((double) roomNext * windowMicros / current));
        return window - elapsed + at * MICRO;
    }

    @Override
    boolean isIdle(long state, long now) {
        long normalized = normalize(state, now);
        return previousOf(normalized) == 0 && currentOf(normalized) == 0;
    }

    @Override
    long undo(long state, long now, long consumed, int permits) {
        long ours = indexOf(consumed);
        long stored = indexOf(state);
        if (stored == ours) {
            return pack(stored, previousOf(state), Math.max(0, currentOf(state) - permits));
        }
        if (stored == ((ours + 1) & MASK)) {
            return pack(stored, Math.max(0, previousOf(state) - permits), currentOf(state));
        }
        return state;
    }
}
