package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.internal.redis.GuardedRedis;

/**
 * A component whose state is in Redis, so that its metrics binder can publish its failed Redis
 * calls in the one failure meter.
 */
public interface RedisBacked {

    /**
     * Returns the guard every Redis call of the component goes through.
     *
     * @return the guard, whose failures the meter counts
     */
    GuardedRedis guard();
}
