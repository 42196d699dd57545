package dev.headroom.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to, for tests of code that depends on time. Shipped in
 * the main artifact so that users test their own limiters, caches and breakers without sleeping.
 *
 * <p>{@link #advance(Duration)} moves the monotonic and the wall clock together; {@link
 * #setWallTime(Instant)} moves only the wall clock, to simulate a clock adjustment. The monotonic
 * clock never moves backwards. All methods are thread-safe.
 */
public final class ManualTicker implements Ticker {

    /** The wall time a ticker made by {@link #ManualTicker()} starts at: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    /** Wall millis minus whole milliseconds of {@link #nanos}: the wall clock follows the monotonic one. */
    private final AtomicLong wallOffsetMillis;

    /** Creates a ticker whose monotonic clock reads 0 and whose wall clock reads {@link #DEFAULT_START}. */
    public ManualTicker() {
        this(DEFAULT_START);
    }

    /**
     * Creates a ticker whose monotonic clock reads 0 and whose wall clock reads {@code wallStart}.
     *
     * @param wallStart the initial wall time
     */
    public ManualTicker(Instant wallStart) {
        this.wallOffsetMillis = new AtomicLong(wallStart.toEpochMilli());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long wallMillis() {
        return wallOffsetMillis.get() + Math.floorDiv(nanos.get(), NANOS_PER_MILLI);
    }

    /**
     * Moves both clocks forward.
     *
     * @param amount how far; zero is allowed
     * @return this ticker
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public ManualTicker advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        nanos.addAndGet(amount.toNanos());
        return this;
    }

    /**
     * Moves both clocks forward by a number of milliseconds.
     *
     * @param millis how far; zero is allowed
     * @return this ticker
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public ManualTicker advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /**
     * Sets the wall clock, forwards or backwards, leaving the monotonic clock where it is.
     *
     * @param wallTime the new wall time
     * @return this ticker
     */
    public ManualTicker setWallTime(Instant wallTime) {
        wallOffsetMillis.set(wallTime.toEpochMilli() - Math.floorDiv(nanos.get(), NANOS_PER_MILLI));
        return this;
    }

    @Override
    public String toString() {
        return "ManualTicker{nanos=" + nanos.get() + ", wall=" + wallTime() + '}';
    }
}
