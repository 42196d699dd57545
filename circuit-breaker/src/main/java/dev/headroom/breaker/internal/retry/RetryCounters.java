package dev.headroom.breaker.internal.retry;

import dev.headroom.breaker.RetryStats;
import java.util.concurrent.atomic.LongAdder;

/** A retry's running totals. */
final class RetryCounters {

    private final LongAdder successfulWithoutRetry = new LongAdder();
    private final LongAdder successfulAfterRetry = new LongAdder();
    private final LongAdder failedWithoutRetry = new LongAdder();
    private final LongAdder failedAfterRetry = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder refusedByBudget = new LongAdder();

    void finished(int attempts, boolean succeeded) {
        if (succeeded) {
            (attempts > 1 ? successfulAfterRetry : successfulWithoutRetry).increment();
        } else {
            (attempts > 1 ? failedAfterRetry : failedWithoutRetry).increment();
        }
    }

    void retried() {
        retries.increment();
    }

    void refusedByBudget() {
        refusedByBudget.increment();
    }

    RetryStats snapshot() {
        return new RetryStats(
                successfulWithoutRetry.sum(),
                successfulAfterRetry.sum(),
                failedWithoutRetry.sum(),
                failedAfterRetry.sum(),
                retries.sum(),
                refusedByBudget.sum());
    }
}
