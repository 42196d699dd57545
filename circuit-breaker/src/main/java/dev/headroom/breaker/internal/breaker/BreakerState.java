package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;

/**
 * One period of a breaker in one state. Immutable but for what it counts; a transition replaces
 * the breaker's state object, never mutates it into another state.
 */
abstract class BreakerState {

    final DefaultCircuitBreaker breaker;
    final BreakerSettings settings;
    /** Position in the breaker's history: the initial state is 0, each transition adds one. */
    final long sequence;

    BreakerState(DefaultCircuitBreaker breaker, BreakerSettings settings, long sequence) {
        this.breaker = breaker;
        this.settings = settings;
        this.sequence = sequence;
    }

    abstract State kind();

    /** Decides on one call. Never throws. */
    abstract BreakerPermit tryAcquire();

    /** The same state under new settings, for {@code reconfigure}. */
    abstract BreakerState restart(BreakerSettings newSettings, long newSequence);

    /** Consecutive trips without a successful recovery that led to this state. */
    int trips() {
        return 0;
    }

    /** The open duration of the latest of those trips, for backoffs that depend on it. */
    long lastOpenNanos() {
        return 0;
    }

    long judgedCalls() {
        return 0;
    }

    double failureRate() {
        return -1;
    }

    double slowCallRate() {
        return -1;
    }
}
