package dev.headroom.breaker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for another thread's progress, never for time to pass: polls a condition until it holds,
 * failing after a generous deadline so a bug shows as a failure instead of a hang.
 */
final class Await {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private Await() {}

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
