package dev.headroom.breaker.internal.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one meter for Redis failures, {@value #NAME}, tagged {@code component} and {@code name}:
 * every component's metrics binder registers it for its {@link GuardedRedis}, so a dashboard sums
 * Redis failures across rate limiters, caches and job queues with one query.
 */
public final class RedisFailureMeter {

    /** The meter's name: {@value}. */
    public static final String NAME = "headroom.redis.failures";

    private RedisFailureMeter() {}

    /**
     * Registers the counter of a guard's failed Redis calls.
     *
     * @param registry where to register it
     * @param guard the guard whose {@link GuardedRedis#failures()} it reads, and whose component and
     *     name become its tags
     * @return the registered counter
     */
    public static FunctionCounter bindTo(MeterRegistry registry, GuardedRedis guard) {
        return FunctionCounter.builder(NAME, guard, GuardedRedis::failures)
                .description("Redis calls that failed (threw, timed out or were rejected while disconnected);"
                        + " each answered by the component's fallback")
                .tags("component", guard.component(), "name", guard.name())
                .register(registry);
    }
}
