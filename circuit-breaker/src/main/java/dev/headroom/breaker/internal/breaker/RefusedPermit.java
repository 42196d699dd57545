package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;
import org.jspecify.annotations.Nullable;

/** A "no", preallocated once per refusing state, so refusing allocates nothing. */
final class RefusedPermit implements BreakerPermit {

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
    public void onSuccess(long durationNanos) {}

    @Override
    public void onResult(@Nullable Object result, long durationNanos) {}

    @Override
    public void onError(Throwable error, long durationNanos) {}

    @Override
    public void release() {}

    @Override
    public String toString() {
        return "BreakerPermit{refused, " + state + '}';
    }
}
