package dev.headroom.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something outside the JVM's control, such as a server coming back, by polling with a
 * deadline. Not for waiting on time: code under test reads time from a {@code ManualTicker}.
 */
public final class Await {

    /** How long {@link #until(String, BooleanSupplier)} waits before failing: 15 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private Await() {}

    /**
     * Polls {@code condition} every 10 ms until it holds.
     *
     * @param what the awaited event, for the failure message, such as {@code "the client reconnects"}
     * @param condition the event's test; exceptions it throws propagate
     * @throws AssertionError if it does not hold within {@link #DEFAULT_TIMEOUT}
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEFAULT_TIMEOUT + " waiting until " + what);
            }
            RedisProcess.pause(Duration.ofMillis(10));
        }
    }
}
