package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Ticker;
import java.util.Optional;

/** The guarded way to Redis of each Redis component of this module. */
final class Guards {

    private Guards() {}

    /**
     * A guard over the breaker a component's configuration gives, or else over a breaker of its own
     * with the default Redis breaker rules.
     */
    static GuardedRedis of(Optional<CircuitBreaker> given, String component, String name, Ticker ticker) {
        return given.map(breaker -> GuardedRedis.of(component, name, breaker))
                .orElseGet(() -> GuardedRedis.withDefaultBreaker(component, name, ticker));
    }
}
