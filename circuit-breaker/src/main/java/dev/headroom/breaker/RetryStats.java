package dev.headroom.breaker;

/**
 * A snapshot of one {@link Retry}'s totals since its creation, taken by {@link Retry#stats()}.
 *
 * @param successfulWithoutRetry calls that succeeded on their first attempt
 * @param successfulAfterRetry calls that succeeded after at least one retry
 * @param failedWithoutRetry calls that failed on their first attempt and were not retried: the
 *     failure was not retryable, or there was no attempt or budget left
 * @param failedAfterRetry calls that failed after at least one retry
 * @param retries the retries made: attempts after the first
 * @param retriesRefusedByBudget the retries the budget refused
 */
public record RetryStats(
        long successfulWithoutRetry,
        long successfulAfterRetry,
        long failedWithoutRetry,
        long failedAfterRetry,
        long retries,
        long retriesRefusedByBudget) {}
