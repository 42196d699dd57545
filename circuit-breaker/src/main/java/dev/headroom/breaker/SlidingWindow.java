package dev.headroom.breaker;

import dev.headroom.breaker.internal.backoff.Durations;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which recent calls a closed circuit breaker judges: the last {@code n} calls, or the calls of
 * the last period of time. Immutable.
 *
 * <p>A time window is kept in {@link #TIME_BUCKETS} buckets of {@code length / TIME_BUCKETS}
 * each, so a call stays in the window for between {@code (TIME_BUCKETS - 1) / TIME_BUCKETS} of
 * {@link #length()} and all of it.
 */
public final class SlidingWindow {

    /** The largest count-based window: {@value} calls. */
    public static final int MAX_CALLS = 1_000_000;

    /** How many buckets a time-based window is kept in: {@value}. */
    public static final int TIME_BUCKETS = 10;

    /** The shortest time-based window: 10 ms, so a bucket lasts at least 1 ms. */
    public static final Duration MIN_LENGTH = Duration.ofMillis(10);

    /** Whether a window counts calls or time. */
    public enum Kind {
        /** The last {@link SlidingWindow#calls()} calls. */
        COUNT_BASED,
        /** The calls of the last {@link SlidingWindow#length()}. */
        TIME_BASED
    }

    private final Kind kind;
    private final int calls;
    private final Duration length;

    private SlidingWindow(Kind kind, int calls, Duration length) {
        this.kind = kind;
        this.calls = calls;
        this.length = length;
    }

    /**
     * Returns a window of the last {@code calls} calls.
     *
     * @param calls how many calls, from 1 to {@link #MAX_CALLS}
     * @return a count-based window
     * @throws IllegalArgumentException {@code "calls must be between 1 and 1000000: 0"}
     */
    public static SlidingWindow lastCalls(int calls) {
        if (calls < 1 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("calls must be between 1 and " + MAX_CALLS + ": " + calls);
        }
        return new SlidingWindow(Kind.COUNT_BASED, calls, Duration.ZERO);
    }

    /**
     * Returns a window of the calls that ended in the last {@code length}.
     *
     * @param length how far back, at least {@link #MIN_LENGTH}
     * @return a time-based window
     * @throws IllegalArgumentException {@code "length must be at least PT0.01S: PT0.001S"}
     */
    public static SlidingWindow lastDuration(Duration length) {
        Durations.requirePositive("length", length);
        if (length.compareTo(MIN_LENGTH) < 0) {
            throw new IllegalArgumentException("length must be at least " + MIN_LENGTH + ": " + length);
        }
        return new SlidingWindow(Kind.TIME_BASED, 0, length);
    }

    /**
     * Returns whether this window counts calls or time.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns how many calls a count-based window holds.
     *
     * @return the number of calls, or 0 for a time-based window
     */
    public int calls() {
        return calls;
    }

    /**
     * Returns how far back a time-based window reaches.
     *
     * @return the length, or {@link Duration#ZERO} for a count-based window
     */
    public Duration length() {
        return length;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SlidingWindow that
                && kind == that.kind
                && calls == that.calls
                && length.equals(that.length);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, calls, length);
    }

    @Override
    public String toString() {
        return kind == Kind.COUNT_BASED ? "lastCalls(" + calls + ')' : "lastDuration(" + length + ')';
    }
}
