package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.Decision;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** The blocking acquire shared by every limiter: retry after each denial's wait, within a budget. */
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

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
