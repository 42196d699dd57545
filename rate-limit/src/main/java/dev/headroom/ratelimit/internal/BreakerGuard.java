package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.core.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RedisGuard} backed by a {@link CircuitBreaker}: while the breaker is open, limiters skip
 * Redis and answer at once by their failure policy; every Redis call is reported with its duration.
 */
public final class BreakerGuard implements RedisGuard {

    private final CircuitBreaker breaker;
    private final Ticker ticker;

    /**
     * Creates a guard.
     *
     * @param breaker the breaker that judges Redis calls
     * @param ticker the clock that times them
     */
    public BreakerGuard(CircuitBreaker breaker, Ticker ticker) {
        this.breaker = breaker;
        this.ticker = ticker;
    }

    @Override
    public @Nullable Call start() {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            return null;
        }
        long start = ticker.nanoTime();
        return new Call() {
            @Override
            public void succeeded() {
                permit.onSuccess(ticker.nanoTime() - start);
            }

            @Override
            public void failed(Throwable failure) {
                permit.onError(failure, ticker.nanoTime() - start);
            }
        };
    }

    @Override
    public String toString() {
        return "BreakerGuard{" + breaker.name() + '}';
    }
}
