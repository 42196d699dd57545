package dev.headroom.breaker;

/**
 * A snapshot of one {@link TimeLimiter}, taken by {@link TimeLimiter#stats()}.
 *
 * @param successfulCalls calls that completed in time with a result, since creation
 * @param failedCalls calls that completed in time with an exception, since creation
 * @param timedOutCalls calls that timed out, since creation
 * @param overdueCalls synchronous calls that timed out but whose work has not stopped yet, although
 *     its thread was interrupted (work that ignores interrupts), now
 */
public record TimeLimiterStats(long successfulCalls, long failedCalls, long timedOutCalls, long overdueCalls) {}
