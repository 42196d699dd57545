package dev.headroom.breaker;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link CircuitBreaker#tryAcquirePermit()}: whether a call may proceed and, if it
 * may, where to report how it ended. This is the breaker's hot path: acquiring and reporting
 * never throw and, in the CLOSED state, allocate nothing.
 *
 * <pre>{@code
 * BreakerPermit permit = breaker.tryAcquirePermit();
 * if (!permit.isPermitted()) {
 *     return fallback();
 * }
 * long start = System.nanoTime();
 * try {
 *     Response response = client.send(request);
 *     permit.onResult(response, System.nanoTime() - start);
 *     return response;
 * } catch (IOException e) {
 *     permit.onError(e, System.nanoTime() - start);
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Report each permitted call exactly once with {@link #onSuccess(long)}, {@link
 * #onResult(Object, long)} or {@link #onError(Throwable, long)}, or give the permit back unjudged
 * with {@link #release()} when the call was abandoned. Reports on a refused permit do nothing.
 *
 * <p>A half-open probe permit is single-use: the first report wins and later ones are ignored, an
 * ignored outcome or {@link #release()} frees it for another probe, and a probe never reported
 * within {@link CircuitBreakerConfig#maxProbeDuration()} is judged a failed, slow call, so an
 * abandoned probe cannot hold the breaker HALF_OPEN. A permit issued while CLOSED is shared by
 * every call of that CLOSED period, so it cannot detect a second report: report once. A report
 * that arrives after the breaker changed state is dropped.
 */
public interface BreakerPermit {

    /**
     * Returns whether the call may proceed.
     *
     * @return true if permitted; false if the breaker refused the call
     */
    boolean isPermitted();

    /**
     * Returns the state that issued or refused this permit.
     *
     * @return the breaker's state at the decision
     */
    CircuitBreaker.State state();

    /**
     * Reports that the call succeeded; it counts as slow if it took at least {@link
     * CircuitBreakerConfig#slowCallDuration()}.
     *
     * @param durationNanos how long the call took, in nanoseconds
     */
    void onSuccess(long durationNanos);

    /**
     * Reports that the call returned {@code result}; it counts as a failure if {@link
     * CircuitBreakerConfig#failureOnResult()} says so, else as a success.
     *
     * @param result what the call returned
     * @param durationNanos how long the call took, in nanoseconds
     */
    void onResult(@Nullable Object result, long durationNanos);

    /**
     * Reports that the call threw {@code error}. It counts as ignored if {@link
     * CircuitBreakerConfig#ignoreOn()} matches (the permit is given back unjudged), else as a
     * failure if {@link CircuitBreakerConfig#failureOn()} matches, else as a success.
     *
     * @param error what the call threw
     * @param durationNanos how long the call took, in nanoseconds
     */
    void onError(Throwable error, long durationNanos);

    /**
     * Gives the permit back without judging the call, for a call that was cancelled or never
     * started. A half-open probe slot becomes free for another probe.
     */
    void release();
}
