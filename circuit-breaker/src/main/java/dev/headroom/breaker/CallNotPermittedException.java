package dev.headroom.breaker;

/**
 * A circuit breaker refused a call because it is {@link CircuitBreaker.State#OPEN}, {@link
 * CircuitBreaker.State#FORCED_OPEN}, or {@link CircuitBreaker.State#HALF_OPEN} with every probe
 * taken. Carries the breaker's name and the state that refused; has no stack trace.
 *
 * <p>Instances are immutable (no stack trace, no suppressed exceptions), so a breaker throws the
 * same instance for every refusal in a given state and refusing allocates nothing.
 */
public final class CallNotPermittedException extends CallRejectedException {

    private static final long serialVersionUID = 1L;

    private final CircuitBreaker.State state;

    /**
     * Creates the exception.
     *
     * @param breakerName the breaker's name
     * @param state the state that refused the call
     */
    public CallNotPermittedException(String breakerName, CircuitBreaker.State state) {
        super(breakerName, "CircuitBreaker '" + breakerName + "' is " + state + " and does not permit calls");
        this.state = state;
    }

    /**
     * Returns the state the breaker was in when it refused.
     *
     * @return {@link CircuitBreaker.State#OPEN}, {@link CircuitBreaker.State#FORCED_OPEN} or
     *     {@link CircuitBreaker.State#HALF_OPEN}
     */
    public CircuitBreaker.State state() {
        return state;
    }
}
