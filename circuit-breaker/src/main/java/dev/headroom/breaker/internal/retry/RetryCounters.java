package dev.headroom.breaker.internal.retry;

import dev.headroom.breaker.Retry;
import java.util.concurrent.atomic.LongAdder;

/** A retry's running totals. */
final class RetryCounters implements Retry.Metrics {

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

    @Override
    public long successfulWithoutRetry() {
        return successfulWithoutRetry.sum();
    }

    @Override
    public long successfulAfterRetry() {
        return successfulAfterRetry.sum();
    }

    @Override
    public long failedWithoutRetry() {
        return failedWithoutRetry.sum();
    }

    @Override
    public long failedAfterRetry() {
        return failedAfterRetry.sum();
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    @Override
    public long retriesRefusedByBudget() {
        return refusedByBudget.sum();
    }
}
