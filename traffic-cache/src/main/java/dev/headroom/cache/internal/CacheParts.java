package dev.headroom.cache.internal;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link dev.headroom.cache.TrafficCache.Builder} collected, handed to {@link
 * DefaultTrafficCache}.
 *
 * @param name the cache's name
 * @param codec the value codec
 * @param config the configuration
 * @param redis the Redis tier's connection, or null for a local-only cache
 * @param ownsRedis whether the cache closes {@code redis}
 * @param breaker the caller's breaker for Redis, or null for one made from the configuration
 * @param scheduler the time source and timer
 * @param random early refresh's random source, uniform in (0, 1]
 * @param executor the executor, or null for one the cache owns
 * @param weigher the local tier's weigher, or null to bound by entries
 * @param maximumWeight the local tier's weight bound when {@code weigher} is set
 * @param <V> the value type
 */
public record CacheParts<V>(
        String name,
        Codec<V> codec,
        TrafficCacheConfig config,
        @Nullable HeadroomRedis redis,
        boolean ownsRedis,
        @Nullable CircuitBreaker breaker,
        Scheduler scheduler,
        DoubleSupplier random,
        @Nullable Executor executor,
        @Nullable ToIntFunction<? super V> weigher,
        long maximumWeight) {}
