package dev.headroom.breaker.internal.retry;

import dev.headroom.breaker.RetryBudget;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.breaker.internal.RollingCounters;
import dev.headroom.core.Ticker;

/** Counts calls and retries over the budget's window and answers whether one more retry fits. */
final class BudgetTracker {

    private static final int CALLS = 0;
    private static final int RETRIES = 1;
    private static final double NANOS_PER_SECOND = 1e9;

    private final RetryBudget budget;
    private final Ticker ticker;
    private final double floor;
    private final RollingCounters counters;

    BudgetTracker(RetryBudget budget, Ticker ticker) {
        this.budget = budget;
        this.ticker = ticker;
        long windowNanos = budget.window().toNanos();
        this.floor = budget.minRetriesPerSecond() * (windowNanos / NANOS_PER_SECOND);
        this.counters = new RollingCounters(2, SlidingWindow.TIME_BUCKETS, Math.max(1, windowNanos));
    }

    void recordCall() {
        if (!budget.isUnlimited()) {
            counters.add(CALLS, 1, ticker.nanoTime());
        }
    }

    /** Takes one retry from the budget if it has one. */
    boolean tryAcquireRetry() {
        if (budget.isUnlimited()) {
            return true;
        }
        long now = ticker.nanoTime();
        double allowed = floor + budget.ratio() * counters.sum(CALLS, now);
        if (counters.sum(RETRIES, now) >= allowed) {
            return false;
        }
        counters.add(RETRIES, 1, now);
        return true;
    }
}
