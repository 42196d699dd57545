package dev.headroom.core;

import java.time.Instant;

/**
 * The source of time for every Headroom component. Components never read the system clock
 * directly, so tests drive them with a {@link ManualTicker} instead of sleeping.
 *
 * <p>Two clocks are offered because they answer different questions. {@link #nanoTime()} is
 * monotonic: use it to measure durations and deadlines; its origin is arbitrary and two tickers'
 * readings cannot be compared. {@link #wallMillis()} is the wall clock: use it only for values that
 * leave the process (a timestamp in a cache envelope, an HTTP header); it may jump backwards.
 *
 * <p>Implementations must be thread-safe and cheap: both methods are called on hot paths.
 */
public interface Ticker {

    /**
     * Returns a monotonic reading in nanoseconds. Successive calls from any thread never decrease.
     *
     * @return nanoseconds since an arbitrary, fixed origin
     */
    long nanoTime();

    /**
     * Returns the wall-clock time in milliseconds since the Unix epoch.
     *
     * @return epoch milliseconds; may move backwards when the system clock is adjusted
     */
    long wallMillis();

    /**
     * Returns the wall-clock time as an {@link Instant}.
     *
     * @return {@link #wallMillis()} as an instant
     */
    default Instant wallTime() {
        return Instant.ofEpochMilli(wallMillis());
    }

    /**
     * Returns the ticker backed by {@link System#nanoTime()} and {@link System#currentTimeMillis()}.
     *
     * @return the shared system ticker
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
