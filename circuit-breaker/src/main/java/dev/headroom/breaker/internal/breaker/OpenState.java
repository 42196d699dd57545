package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;

/**
 * Refuses calls until the open duration has elapsed; then the first permission request or state
 * read moves the breaker to HALF_OPEN. No timer is involved. A refusal reads the ticker once,
 * increments a counter and returns a preallocated permit.
 */
final class OpenState extends BreakerState {

    private final int trip;
    private final long openNanos;
    private final long enteredAt;

    private OpenState(
            DefaultCircuitBreaker breaker,
            BreakerSettings settings,
            long sequence,
            int trip,
            long openNanos,
            long enteredAt) {
        super(breaker, settings, sequence);
        this.trip = trip;
        this.openNanos = openNanos;
        this.enteredAt = enteredAt;
    }

    /** Opens after {@code from}: one more consecutive trip than it had. */
    static OpenState after(BreakerState from, BreakerSettings settings) {
        int trip = from.trips() + 1;
        return new OpenState(
                from.breaker,
                settings,
                from.sequence + 1,
                trip,
                settings.openNanos(trip, from.lastOpenNanos()),
                from.breaker.ticker().nanoTime());
    }

    @Override
    State kind() {
        return State.OPEN;
    }

    @Override
    BreakerPermit tryAcquire() {
        if (hasElapsed()) {
            return breaker.halfOpenAfter(this).tryAcquire();
        }
        breaker.counters.rejected();
        return breaker.refusedWhileOpen;
    }

    boolean hasElapsed() {
        return breaker.ticker().nanoTime() - enteredAt >= openNanos;
    }

    @Override
    BreakerState restart(BreakerSettings newSettings, long newSequence) {
        return new OpenState(breaker, newSettings, newSequence, trip, openNanos, enteredAt);
    }

    @Override
    int trips() {
        return trip;
    }

    @Override
    long lastOpenNanos() {
        return openNanos;
    }
}
