package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Lease;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The blocking acquires shared by every limiter: retry after each denial's wait, or poll for a
 * concurrency lease, within a budget.
 */
public final class Blocking {

    private Blocking() {}

    /**
     * Calls {@code attempt} until it allows, its wait exceeds what is left of {@code maxWait}, or the
     * thread is interrupted. The budget shrinks by the ticker's elapsed time and by the time parked,
     * so a ticker that does not move cannot make the wait endless.
     *
     * @param ticker the limiter's ticker
     * @param maxWait the longest wait
     * @param attempt one non-blocking decision
     * @return the allowing decision, or the latest denial
     */
    public static Decision acquire(Ticker ticker, Duration maxWait, Supplier<Decision> attempt) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
        long budget = saturatedNanos(maxWait);
        long start = ticker.nanoTime();
        long parked = 0;
        while (true) {
            Decision decision = attempt.get();
            if (decision.isAllowed()) {
                return decision;
            }
            long spent = Math.max(ticker.nanoTime() - start, parked);
            long wait = decision.retryAfterNanos();
            if (wait == Decision.NEVER
                    || wait > budget - spent
                    || Thread.currentThread().isInterrupted()) {
                return decision;
            }
            long pause = Math.max(wait, 1_000L);
            LockSupport.parkNanos(pause);
            parked += pause;
        }
    }

    /**
     * Polls {@code attempt} for a lease, parking between tries from {@code firstPauseNanos} doubling
     * up to {@code maxPauseNanos}, until it is acquired, the budget of {@code maxWait} is spent or the
     * thread is interrupted. As in {@link #acquire}, the budget shrinks by the ticker's elapsed time
     * and by the time parked, so a ticker that does not move cannot make the wait endless.
     *
     * @param ticker the limiter's ticker
     * @param maxWait the longest wait
     * @param firstPauseNanos the first pause after a refusal
     * @param maxPauseNanos the longest pause between tries
     * @param attempt one non-blocking try
     * @return the acquired lease, or the latest refusal
     * @throws IllegalArgumentException if {@code maxWait} is negative
     */
    public static Lease pollLease(
            Ticker ticker, Duration maxWait, long firstPauseNanos, long maxPauseNanos, Supplier<Lease> attempt) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
        long budget = maxWait.toNanos();
        long start = ticker.nanoTime();
        long parked = 0;
        long pause = firstPauseNanos;
        while (true) {
            Lease lease = attempt.get();
            long spent = Math.max(ticker.nanoTime() - start, parked);
            if (lease.isAcquired() || spent >= budget || Thread.currentThread().isInterrupted()) {
                return lease;
            }
            long nap = Math.min(pause, budget - spent);
            LockSupport.parkNanos(nap);
            parked += nap;
            pause = Math.min(maxPauseNanos, pause * 2);
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
