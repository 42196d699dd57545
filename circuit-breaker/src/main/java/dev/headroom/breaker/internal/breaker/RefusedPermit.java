package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.CircuitBreaker.State;

/** A "no", preallocated once per refusing state, so refusing allocates nothing. */
final class RefusedPermit extends UnjudgedPermit {

    private final State state;

    RefusedPermit(State state) {
        this.state = state;
    }

    @Override
    public boolean isPermitted() {
        return false;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String toString() {
        return "BreakerPermit{refused, " + state + '}';
    }
}
