package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.breaker.StateTransition.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Calls pass and are judged in a sliding window. Every call of one CLOSED period shares a single
 * permit, so acquiring allocates nothing and reporting a success touches only the window.
 */
final class ClosedState extends BreakerState {

    private final OutcomeWindow window;
    private final BreakerPermit permit = new ClosedPermit();

    ClosedState(DefaultCircuitBreaker breaker, BreakerSettings settings, long sequence) {
        super(breaker, settings, sequence);
        this.window = settings.newWindow(breaker.ticker());
    }

    @Override
    State kind() {
        return State.CLOSED;
    }

    @Override
    BreakerPermit tryAcquire() {
        return permit;
    }

    @Override
    BreakerState restart(BreakerSettings newSettings, long newSequence) {
        return new ClosedState(breaker, newSettings, newSequence);
    }

    @Override
    long judgedCalls() {
        return window.calls();
    }

    @Override
    double failureRate() {
        long calls = window.calls();
        return calls < settings.minimumCalls ? -1 : Verdict.rate(window.failures(), calls);
    }

    @Override
    double slowCallRate() {
        long calls = window.calls();
        return calls < settings.minimumCalls ? -1 : Verdict.rate(window.slowCalls(), calls);
    }

    private void judge(boolean failure, long durationNanos) {
        boolean slow = settings.isSlow(durationNanos);
        breaker.counters.judged(failure, slow);
        @Nullable Reason trip = window.record(Outcome.of(failure, slow));
        if (trip != null) {
            breaker.trip(this, trip);
        }
    }

    private final class ClosedPermit implements BreakerPermit {

        @Override
        public boolean isPermitted() {
            return true;
        }

        @Override
        public State state() {
            return State.CLOSED;
        }

        @Override
        public void onSuccess(long durationNanos) {
            judge(false, durationNanos);
        }

        @Override
        public void onResult(@Nullable Object result, long durationNanos) {
            judge(settings.isFailure(result), durationNanos);
        }

        @Override
        public void onError(Throwable error, long durationNanos) {
            switch (settings.judge(error)) {
                case IGNORED -> breaker.counters.ignored();
                case FAILURE -> judge(true, durationNanos);
                case SUCCESS -> judge(false, durationNanos);
            }
        }

        @Override
        public void release() {
            breaker.counters.ignored();
        }

        @Override
        public String toString() {
            return "BreakerPermit{" + breaker.name() + ", CLOSED}";
        }
    }
}
