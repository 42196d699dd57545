package dev.headroom.breaker;

/**
 * Hears about a circuit breaker's state transitions. Called on the thread whose call, report or
 * method caused the transition, after the breaker has changed state; transitions reach a listener
 * in the order the breaker made them only if it orders them by {@link
 * StateTransition#sequence()}. A listener that throws is logged and does not affect the breaker or
 * other listeners. Keep listeners fast: they run on request threads.
 */
@FunctionalInterface
public interface CircuitBreakerListener {

    /**
     * Called once per transition.
     *
     * @param transition what changed and why
     */
    void onStateTransition(StateTransition transition);
}
