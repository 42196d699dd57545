package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;

/** Lets every call through and judges nothing, until a manual transition. */
final class DisabledState extends BreakerState {

    private final BreakerPermit passThrough = new PassThroughPermit();

    DisabledState(DefaultCircuitBreaker breaker, BreakerSettings settings, long sequence) {
        super(breaker, settings, sequence);
    }

    @Override
    State kind() {
        return State.DISABLED;
    }

    @Override
    BreakerPermit tryAcquire() {
        return passThrough;
    }

    @Override
    BreakerState restart(BreakerSettings newSettings, long newSequence) {
        return new DisabledState(breaker, newSettings, newSequence);
    }

    private static final class PassThroughPermit extends UnjudgedPermit {

        @Override
        public boolean isPermitted() {
            return true;
        }

        @Override
        public State state() {
            return State.DISABLED;
        }

        @Override
        public String toString() {
            return "BreakerPermit{DISABLED}";
        }
    }
}
