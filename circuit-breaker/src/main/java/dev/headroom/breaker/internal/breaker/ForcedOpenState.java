package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;

/** Refuses every call until a manual transition; judges nothing and never times out. */
final class ForcedOpenState extends BreakerState {

    ForcedOpenState(DefaultCircuitBreaker breaker, BreakerSettings settings, long sequence) {
        super(breaker, settings, sequence);
    }

    @Override
    State kind() {
        return State.FORCED_OPEN;
    }

    @Override
    BreakerPermit tryAcquire() {
        breaker.counters.rejected();
        return breaker.refusedWhileForcedOpen;
    }

    @Override
    BreakerState restart(BreakerSettings newSettings, long newSequence) {
        return new ForcedOpenState(breaker, newSettings, newSequence);
    }
}
