package dev.headroom.cache.metrics;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.breaker.internal.redis.RedisFailureMeter;
import dev.headroom.cache.CacheStats;
import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.internal.TrafficCaches;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Publishes traffic caches' counters to Micrometer, every meter tagged {@code name=<cache name>}:
 *
 * <ul>
 *   <li>{@code headroom.cache.gets} (counter; {@code tier=memory|redis}, {@code result=hit|miss})
 *   <li>{@code headroom.cache.loads} (timer: loader calls and their time; {@code
 *       result=success|failure}) and {@code headroom.cache.loads.shared} (counter: reads that waited
 *       for another read's fetch)
 *   <li>{@code headroom.cache.stale.served} (counter; {@code reason=revalidating|error|leased})
 *   <li>{@code headroom.cache.refreshes} (counter; {@code trigger=early|stale}) and {@code
 *       headroom.cache.refreshes.failed} (counter)
 *   <li>{@code headroom.cache.codec.failures} (counter; {@code operation=decode|encode})
 *   <li>{@code headroom.cache.evictions} (counter: entries dropped for room)
 *   <li>{@code headroom.cache.lease} (counter; {@code outcome=acquired|waited|timed-out})
 *   <li>{@code headroom.cache.invalidations.received} and {@code headroom.cache.local.resets}
 *       (counters)
 *   <li>{@code headroom.cache.local.size} and {@code headroom.cache.degraded} (gauges; degraded is
 *       1 while Redis is bypassed or failing)
 *   <li>for a cache with a Redis tier, {@code headroom.redis.failures} (counter; {@code
 *       component=cache}): the Redis commands that failed, in the meter every Headroom component
 *       counts its Redis failures in
 * </ul>
 *
 * <p>Meters read the caches' {@link TrafficCache#stats()} when the registry polls them; binding
 * costs reads nothing. The binder holds the caches strongly.
 */
public final class TrafficCacheMetrics implements MeterBinder {

    private final List<TrafficCache<?>> caches;

    private TrafficCacheMetrics(List<TrafficCache<?>> caches) {
        this.caches = List.copyOf(caches);
    }

    /**
     * Creates a binder for some caches.
     *
     * @param caches the caches, each tagged with its name
     * @return the binder
     * @throws NullPointerException if {@code caches} or one of them is null
     */
    public static TrafficCacheMetrics of(TrafficCache<?>... caches) {
        Objects.requireNonNull(caches, "caches");
        List<TrafficCache<?>> list = new ArrayList<>(caches.length);
        for (TrafficCache<?> cache : caches) {
            list.add(Objects.requireNonNull(cache, "cache"));
        }
        return new TrafficCacheMetrics(list);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TrafficCache<?> cache : caches) {
            new CacheMeters(cache, Tags.of("name", cache.name())).bindTo(registry);
            GuardedRedis guard = TrafficCaches.redisGuard(cache);
            if (guard != null) {
                RedisFailureMeter.bindTo(registry, guard);
            }
        }
    }

    /** The meters of one cache. */
    private record CacheMeters(TrafficCache<?> cache, Tags tags) {

        void bindTo(MeterRegistry registry) {
            counter(
                    registry,
                    "headroom.cache.gets",
                    "reads by tier and result",
                    CacheStats::memoryHits,
                    "tier",
                    "memory",
                    "result",
                    "hit");
            counter(
                    registry,
                    "headroom.cache.gets",
                    "reads by tier and result",
                    CacheStats::memoryMisses,
                    "tier",
                    "memory",
                    "result",
                    "miss");
            counter(
                    registry,
                    "headroom.cache.gets",
                    "reads by tier and result",
                    CacheStats::redisHits,
                    "tier",
                    "redis",
                    "result",
                    "hit");
            counter(
                    registry,
                    "headroom.cache.gets",
                    "reads by tier and result",
                    CacheStats::redisMisses,
                    "tier",
                    "redis",
                    "result",
                    "miss");
            timer(registry, "success", CacheStats::loads, CacheStats::loadTimeNanos);
            timer(registry, "failure", CacheStats::loadFailures, CacheStats::failedLoadTimeNanos);
            counter(
                    registry,
                    "headroom.cache.loads.shared",
                    "reads that waited for another read's fetch",
                    CacheStats::sharedLoads);
            counter(
                    registry,
                    "headroom.cache.stale.served",
                    "stale values served",
                    CacheStats::staleRevalidating,
                    "reason",
                    "revalidating");
            counter(
                    registry,
                    "headroom.cache.stale.served",
                    "stale values served",
                    CacheStats::staleOnError,
                    "reason",
                    "error");
            counter(
                    registry,
                    "headroom.cache.stale.served",
                    "stale values served",
                    CacheStats::staleWhileLeased,
                    "reason",
                    "leased");
            counter(
                    registry,
                    "headroom.cache.refreshes",
                    "background refreshes",
                    CacheStats::earlyRefreshes,
                    "trigger",
                    "early");
            counter(
                    registry,
                    "headroom.cache.refreshes",
                    "background refreshes",
                    stats -> stats.refreshes() - stats.earlyRefreshes(),
                    "trigger",
                    "stale");
            counter(
                    registry,
                    "headroom.cache.refreshes.failed",
                    "background refreshes whose loader failed",
                    CacheStats::refreshFailures);
            counter(
                    registry,
                    "headroom.cache.codec.failures",
                    "values that did not decode or encode",
                    CacheStats::decodeFailures,
                    "operation",
                    "decode");
            counter(
                    registry,
                    "headroom.cache.codec.failures",
                    "values that did not decode or encode",
                    CacheStats::encodeFailures,
                    "operation",
                    "encode");
            counter(registry, "headroom.cache.evictions", "local entries dropped for room", CacheStats::evictions);
            counter(
                    registry,
                    "headroom.cache.lease",
                    "cross-instance lease outcomes",
                    CacheStats::leasesAcquired,
                    "outcome",
                    "acquired");
            counter(
                    registry,
                    "headroom.cache.lease",
                    "cross-instance lease outcomes",
                    CacheStats::leaseWaits,
                    "outcome",
                    "waited");
            counter(
                    registry,
                    "headroom.cache.lease",
                    "cross-instance lease outcomes",
                    CacheStats::leaseTimeouts,
                    "outcome",
                    "timed-out");
            counter(
                    registry,
                    "headroom.cache.invalidations.received",
                    "invalidations from other instances",
                    CacheStats::invalidationsReceived);
            counter(
                    registry,
                    "headroom.cache.local.resets",
                    "times the local tier was dropped whole",
                    CacheStats::localResets);
            Gauge.builder("headroom.cache.local.size", cache, c -> c.stats().localSize())
                    .description("entries in the local tier")
                    .tags(tags)
                    .register(registry);
            Gauge.builder("headroom.cache.degraded", cache, c -> c.stats().degraded() ? 1 : 0)
                    .description("1 while Redis is bypassed or failing")
                    .tags(tags)
                    .register(registry);
        }

        private void counter(
                MeterRegistry registry,
                String name,
                String description,
                ToLongFunction<CacheStats> count,
                String... tagPairs) {
            FunctionCounter.builder(name, cache, c -> count.applyAsLong(c.stats()))
                    .description(description)
                    .tags(tags)
                    .tags(tagPairs)
                    .register(registry);
        }

        private void timer(
                MeterRegistry registry,
                String result,
                ToLongFunction<CacheStats> count,
                ToLongFunction<CacheStats> nanos) {
            FunctionTimer.builder(
                            "headroom.cache.loads",
                            cache,
                            c -> count.applyAsLong(c.stats()),
                            c -> nanos.applyAsLong(c.stats()),
                            TimeUnit.NANOSECONDS)
                    .description("loader calls and the time they took")
                    .tags(tags)
                    .tag("result", result)
                    .register(registry);
        }
    }
}
