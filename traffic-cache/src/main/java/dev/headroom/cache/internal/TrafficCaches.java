package dev.headroom.cache.internal;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.cache.TrafficCache;
import org.jspecify.annotations.Nullable;

/**
 * The one way into the implementation from the module's exported packages: the builder creates
 * caches here, and the metrics binder finds a cache's Redis guard. Not exported.
 */
public final class TrafficCaches {

    private TrafficCaches() {}

    /**
     * Creates a running cache.
     *
     * @param parts what the builder collected
     * @param <V> the value type
     * @return the cache
     */
    public static <V> TrafficCache<V> create(CacheParts<V> parts) {
        return new DefaultTrafficCache<>(parts);
    }

    /**
     * Returns the guard of a cache's Redis tier.
     *
     * @param cache a cache
     * @return the guard, or null for a local-only cache or one this module did not create
     */
    public static @Nullable GuardedRedis redisGuard(TrafficCache<?> cache) {
        return cache instanceof DefaultTrafficCache<?> implementation ? implementation.redisGuard() : null;
    }
}
