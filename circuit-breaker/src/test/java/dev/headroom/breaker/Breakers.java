package dev.headroom.breaker;

import dev.headroom.core.ManualTicker;
import java.time.Duration;

/** Shorthands for breaker tests. */
final class Breakers {

    private Breakers() {}

    static long millis(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    static void succeed(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            BreakerPermit permit = breaker.tryAcquirePermit();
            permit.onSuccess(millis(1));
        }
    }

    static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            BreakerPermit permit = breaker.tryAcquirePermit();
            permit.onError(new IllegalStateException("boom"), millis(1));
        }
    }

    /** Trips a breaker that needs {@code minimumCalls} failures and waits out its open duration. */
    static void tripAndWait(CircuitBreaker breaker, ManualTicker ticker, Duration openDuration) {
        fail(breaker, breaker.config().minimumCalls());
        ticker.advance(openDuration);
    }
}
