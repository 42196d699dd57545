/**
 * Cache-aside reads over a local Caffeine tier and an optional Redis tier: {@link
 * dev.headroom.cache.TrafficCache}, built with {@link dev.headroom.cache.TrafficCache#builder} and
 * configured by {@link dev.headroom.cache.TrafficCacheConfig}.
 *
 * <p><b>Where a value comes from.</b> A read is answered by the first of: the local tier, Redis,
 * a load that another read in this process is running (single-flight), a load on another instance
 * (with the lease on), and the loader. {@link dev.headroom.cache.CacheResult#header()} names the
 * answer: {@code HIT:memory}, {@code HIT:redis}, {@code MISS:loaded}, {@code MISS:shared}, {@code
 * MISS:leased}, {@code STALE:revalidating}, {@code STALE:error} or {@code STALE:leased}.
 *
 * <p><b>How stale a value can be.</b> Within one instance, never staler than its TTL (with jitter)
 * unless a stale grace is configured, and then never more than the grace past it. Across
 * instances, after {@code invalidate} or {@code put} on one instance returns:
 *
 * <ul>
 *   <li>Redis no longer has the old value, so no instance reads it from Redis again; with the lease
 *       on, a load in flight anywhere does not write its older value back either.
 *   <li>Other instances drop their local copies when the pub/sub message arrives, typically within
 *       a millisecond.
 *   <li>An instance whose pub/sub connection is down serves its local copy at most {@link
 *       dev.headroom.cache.TrafficCacheConfig#localTtlCap()} after it stored it, and drops its whole
 *       local tier as soon as the connection is back, since it may have missed messages.
 *   <li>A whole-cache invalidation that an instance did not hear about is noticed by its first
 *       Redis read after {@link dev.headroom.cache.TrafficCacheConfig#namespaceCheckInterval()}
 *       has passed; since local copies are trusted for at most the cap, such an instance serves
 *       pre-invalidation values for at most the cap plus the check interval.
 * </ul>
 *
 * <p>Within one instance, a load that was in flight when its key was invalidated returns its value
 * to the reads waiting for it but does not store it. Across instances without the lease, a load
 * that started before another instance's invalidation may still write its older value to Redis
 * after it (the classic cache-aside race); it then lives at most its TTL.
 *
 * <p><b>When Redis fails.</b> Each command is bounded by the connection's command timeout (250 ms
 * with {@link dev.headroom.core.redis.HeadroomRedis#connect(String)}) and passes a circuit breaker
 * that stops sending commands after repeated failures or slow answers, so an outage costs reads
 * nothing once the breaker is open. Reads go on from memory and the loader, values stay servable in
 * memory while still fresh (the cap is lifted), the failures are counted ({@link
 * dev.headroom.cache.CacheStats#redisFailures()}, {@link dev.headroom.cache.CacheStats#degraded()}),
 * and Redis is used again when the breaker's probes succeed. The local tier is dropped when the
 * invalidation channel reconnects. No read throws because of Redis.
 *
 * <p>Metrics: {@link dev.headroom.cache.metrics.TrafficCacheMetrics}.
 */
@NullMarked
package dev.headroom.cache;

import org.jspecify.annotations.NullMarked;
