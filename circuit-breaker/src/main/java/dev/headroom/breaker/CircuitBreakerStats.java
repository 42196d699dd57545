package dev.headroom.breaker;

/**
 * A snapshot of one {@link CircuitBreaker}, taken by {@link CircuitBreaker#stats()}. The counters are
 * totals since creation and never decrease; the rates describe the window of the state the breaker
 * was in when the snapshot was taken.
 *
 * @param state the breaker's state
 * @param successfulCalls permitted calls judged successful, slow ones included
 * @param failedCalls permitted calls judged failed, expired probes included
 * @param slowCalls judged calls that were slow, successful or failed
 * @param ignoredCalls permitted calls that ended in an ignored exception or were released
 * @param rejectedCalls calls the breaker refused
 * @param failureRate percent in {@code [0, 100]} while CLOSED with at least {@link
 *     CircuitBreakerConfig#minimumCalls()} calls in the window, or while HALF_OPEN with at least one
 *     probe judged; otherwise -1
 * @param slowCallRate percent in {@code [0, 100]}, or -1 under the same conditions as {@code
 *     failureRate}
 * @param judgedCalls calls the state has judged: the calls in the CLOSED window, or the judged
 *     HALF_OPEN probes; 0 in the other states
 */
public record CircuitBreakerStats(
        CircuitBreaker.State state,
        long successfulCalls,
        long failedCalls,
        long slowCalls,
        long ignoredCalls,
        long rejectedCalls,
        double failureRate,
        double slowCallRate,
        long judgedCalls) {}
