package dev.headroom.ratelimit.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Lease;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The blocking acquires shared by every limiter: retry after each denial's wait, or poll for a
 * concurrency lease, within a budget. Every wait is a {@link Scheduler#sleep(long)}, so a test's
 * manual scheduler makes the time pass.
 */
public final class Blocking {

    private Blocking() {}

    /**
     * Calls {@code attempt} until it allows, its wait exceeds what is left of {@code maxWait}, or the
     * thread is interrupted. The budget shrinks by the scheduler's elapsed time and by the time slept,
     * so a ticker that does not move cannot make the wait endless.
     *
     * @param scheduler the limiter's time source
     * @param maxWait the longest wait
     * @param attempt one non-blocking decision
     * @return the allowing decision, or the latest denial (with the interrupt status set if the
     *     thread was interrupted)
     * @throws IllegalArgumentException if {@code maxWait} is negative
     */
    public static Decision acquire(Scheduler scheduler, Duration maxWait, Supplier<Decision> attempt) {
        Budget budget = new Budget(scheduler, maxWait);
        while (true) {
            Decision decision = attempt.get();
            if (decision.isAllowed()) {
                return decision;
            }
            long wait = decision.retryAfterNanos();
            if (wait == Decision.NEVER || wait > budget.left() || !budget.sleep(Math.max(wait, 1_000L))) {
                return decision;
            }
        }
    }

    /**
     * Polls {@code attempt} for a lease, sleeping between tries from {@code firstPauseNanos} doubling
     * up to {@code maxPauseNanos}, until it is acquired, the budget of {@code maxWait} is spent or the
     * thread is interrupted. As in {@link #acquire}, the budget shrinks by the elapsed time and by
     * the time slept.
     *
     * @param scheduler the limiter's time source
     * @param maxWait the longest wait
     * @param firstPauseNanos the first pause after a refusal
     * @param maxPauseNanos the longest pause between tries
     * @param attempt one non-blocking try
     * @return the acquired lease, or the latest refusal (with the interrupt status set if the thread
     *     was interrupted)
     * @throws IllegalArgumentException if {@code maxWait} is negative
     */
    public static Lease pollLease(
            Scheduler scheduler, Duration maxWait, long firstPauseNanos, long maxPauseNanos, Supplier<Lease> attempt) {
        Budget budget = new Budget(scheduler, maxWait);
        long pause = firstPauseNanos;
        while (true) {
            Lease lease = attempt.get();
            long left = budget.left();
            if (lease.isAcquired() || left <= 0 || !budget.sleep(Math.min(pause, left))) {
                return lease;
            }
            pause = Math.min(maxPauseNanos, pause * 2);
        }
    }

    /** What is left of a wait: the budget less the larger of the time elapsed and the time slept. */
    private static final class Budget {
        private final Scheduler scheduler;
        private final LongSupplier clock;
        private final long total;
        private final long start;
        private long slept;

        Budget(Scheduler scheduler, Duration maxWait) {
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
            }
            this.scheduler = scheduler;
            this.clock = scheduler.ticker()::nanoTime;
            this.total = saturatedNanos(maxWait);
            this.start = clock.getAsLong();
        }

        long left() {
            return total - Math.max(clock.getAsLong() - start, slept);
        }

        /** Sleeps; false if the thread is or gets interrupted, with its interrupt status set. */
        boolean sleep(long nanos) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            try {
                scheduler.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            slept += nanos;
            return true;
        }

        private static long saturatedNanos(Duration duration) {
            try {
                return duration.toNanos();
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
    }
}
