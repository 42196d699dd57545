package dev.headroom.breaker.internal.backoff;

import java.time.Duration;

/** Validation and conversion of durations, with the messages the builders promise. */
public final class Durations {

    private Durations() {}

    /**
     * Returns {@code value} if it is longer than zero.
     *
     * @param name the parameter name for the message
     * @param value the duration to check
     * @return {@code value}
     * @throws IllegalArgumentException {@code "<name> must be positive: <value>"}
     */
    public static Duration requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * Returns {@code value} if it is zero or longer.
     *
     * @param name the parameter name for the message
     * @param value the duration to check
     * @return {@code value}
     * @throws IllegalArgumentException {@code "<name> must not be negative: <value>"}
     */
    public static Duration requireNonNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * Converts to nanoseconds, saturating at {@link Long#MAX_VALUE} instead of overflowing.
     *
     * @param value a non-negative duration
     * @return its length in nanoseconds, at most {@link Long#MAX_VALUE}
     */
    public static long toNanosSaturated(Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
