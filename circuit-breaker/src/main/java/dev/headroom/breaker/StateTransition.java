package dev.headroom.breaker;

/**
 * One state transition of a circuit breaker, as told to {@link CircuitBreakerListener}s.
 *
 * @param breakerName the breaker's name
 * @param from the state it left
 * @param to the state it entered; equal to {@code from} when a state was restarted
 * @param reason why it moved
 * @param sequence increases by one with every transition of this breaker, from 1
 * @param tickerNanos the breaker's {@link dev.headroom.core.Ticker#nanoTime()} at the transition
 */
public record StateTransition(
        String breakerName,
        CircuitBreaker.State from,
        CircuitBreaker.State to,
        StateTransition.Reason reason,
        long sequence,
        long tickerNanos) {

    /** Why a breaker changed state. */
    public enum Reason {
        /** CLOSED or HALF_OPEN calls failed at or above the failure-rate threshold. */
        FAILURE_RATE_EXCEEDED,
        /** CLOSED or HALF_OPEN calls were slow at or above the slow-call-rate threshold. */
        SLOW_CALL_RATE_EXCEEDED,
        /** The open duration elapsed; probes may go through. */
        OPEN_DURATION_ELAPSED,
        /** Enough half-open probes succeeded that the rates cannot reach a threshold. */
        PROBES_SUCCEEDED,
        /** {@link CircuitBreaker#transitionTo(CircuitBreaker.State)} was called. */
        MANUAL,
        /** {@link CircuitBreaker#reset()} was called. */
        RESET,
        /** {@link CircuitBreaker#reconfigure(CircuitBreakerConfig)} restarted the state. */
        RECONFIGURED
    }
}
