package dev.headroom.examples.dashboard;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Faults injected in front of every database call, so a drill can slow the database down or make
 * it fail without touching the database itself. Thread-safe; changes apply to the next call.
 */
public final class DatabaseFaults {

    private volatile long addedLatencyNanos;
    private volatile boolean failing;

    DatabaseFaults() {}

    /**
     * Adds latency to every database call from now on.
     *
     * @param latency the delay; zero removes it
     * @throws IllegalArgumentException if negative
     */
    public void slowDown(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.addedLatencyNanos = latency.toNanos();
    }

    /**
     * Makes every database call fail from now on, or stop failing.
     *
     * @param fail true to fail every call
     */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** Removes every fault. */
    public void clear() {
        addedLatencyNanos = 0;
        failing = false;
    }

    /** Applies the faults to one call: waits out the added latency, then fails if failing. */
    void beforeCall() throws SQLTransientConnectionException, InterruptedException {
        long latency = addedLatencyNanos;
        if (latency > 0) {
            Thread.sleep(latency / 1_000_000, (int) (latency % 1_000_000));
        }
        if (failing) {
            throw new SQLTransientConnectionException("database unavailable (injected fault)");
        }
    }
}
