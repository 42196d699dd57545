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
            bind(registry, cache);
            GuardedRedis guard = TrafficCaches.redisGuard(cache);
            if (guard != null) {
                RedisFailureMeter.bindTo(registry, guard);
            }
        }
    }

    /** A counter of one cache: its name, what it counts and its own tags. */
    private record Counter(String name, String description, ToLongFunction<CacheStats> count, Tags tags) {

        static Counter of(String name, String description, ToLongFunction<CacheStats> count, String... tags) {
            return new Counter(name, description, count, Tags.of(tags));
        }
    }

    private static final String GETS = "reads by tier and result";
    private static final String STALE = "stale values served";
    private static final String REFRESHES = "background refreshes";
    private static final String CODEC = "values that did not decode or encode";
    private static final String LEASE = "cross-instance lease outcomes";

    private static final List<Counter> COUNTERS = List.of(
            Counter.of("headroom.cache.gets", GETS, CacheStats::memoryHits, "tier", "memory", "result", "hit"),
            Counter.of("headroom.cache.gets", GETS, CacheStats::memoryMisses, "tier", "memory", "result", "miss"),
            Counter.of("headroom.cache.gets", GETS, CacheStats::redisHits, "tier", "redis", "result", "hit"),
            Counter.of("headroom.cache.gets", GETS, CacheStats::redisMisses, "tier", "redis", "result", "miss"),
            Counter.of(
                    "headroom.cache.loads.shared",
                    "reads that waited for another read's fetch",
                    CacheStats::sharedLoads),
            Counter.of("headroom.cache.stale.served", STALE, CacheStats::staleRevalidating, "reason", "revalidating"),
            Counter.of("headroom.cache.stale.served", STALE, CacheStats::staleOnError, "reason", "error"),
            Counter.of("headroom.cache.stale.served", STALE, CacheStats::staleWhileLeased, "reason", "leased"),
            Counter.of("headroom.cache.refreshes", REFRESHES, CacheStats::earlyRefreshes, "trigger", "early"),
            Counter.of(
                    "headroom.cache.refreshes",
                    REFRESHES,
                    stats -> stats.refreshes() - stats.earlyRefreshes(),
                    "trigger",
                    "stale"),
            Counter.of(
                    "headroom.cache.refreshes.failed",
                    "background refreshes whose loader failed",
                    CacheStats::refreshFailures),
            Counter.of("headroom.cache.codec.failures", CODEC, CacheStats::decodeFailures, "operation", "decode"),
            Counter.of("headroom.cache.codec.failures", CODEC, CacheStats::encodeFailures, "operation", "encode"),
            Counter.of("headroom.cache.evictions", "local entries dropped for room", CacheStats::evictions),
            Counter.of("headroom.cache.lease", LEASE, CacheStats::leasesAcquired, "outcome", "acquired"),
            Counter.of("headroom.cache.lease", LEASE, CacheStats::leaseWaits, "outcome", "waited"),
            Counter.of("headroom.cache.lease", LEASE, CacheStats::leaseTimeouts, "outcome", "timed-out"),
            Counter.of(
                    "headroom.cache.invalidations.received",
                    "invalidations from other instances",
                    CacheStats::invalidationsReceived),
            Counter.of(
                    "headroom.cache.local.resets", "times the local tier was dropped whole", CacheStats::localResets));

    /** Registers the meters of one cache. */
    private static void bind(MeterRegistry registry, TrafficCache<?> cache) {
        Tags name = Tags.of("name", cache.name());
        for (Counter counter : COUNTERS) {
            FunctionCounter.builder(counter.name(), cache, c -> counter.count().applyAsLong(c.stats()))
                    .description(counter.description())
                    .tags(name)
                    .tags(counter.tags())
                    .register(registry);
        }
        timer(registry, cache, name, "success", CacheStats::loads, CacheStats::loadTimeNanos);
        timer(registry, cache, name, "failure", CacheStats::loadFailures, CacheStats::failedLoadTimeNanos);
        Gauge.builder("headroom.cache.local.size", cache, c -> c.stats().localSize())
                .description("entries in the local tier")
                .tags(name)
                .register(registry);
        Gauge.builder("headroom.cache.degraded", cache, c -> c.stats().degraded() ? 1 : 0)
                .description("1 while Redis is bypassed or failing")
                .tags(name)
                .register(registry);
    }

    private static void timer(
            MeterRegistry registry,
            TrafficCache<?> cache,
            Tags name,
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
                .tags(name)
                .tag("result", result)
                .register(registry);
    }
}
