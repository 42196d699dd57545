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
 *   <li>A whole-cache invalidation that an instance did not hear about is noticed within {@link
 *       dev.headroom.cache.TrafficCacheConfig#namespaceCheckInterval()} of its next Redis read.
 * </ul>
 *
 * <p><b>When Redis fails.</b> Reads go on from memory and the loader, values stay servable in
 * memory while still fresh (the cap is lifted), the failures are counted, and Redis is used again
 * as soon as it answers. No read throws because of Redis.
 *
 * <p>Metrics: {@link dev.headroom.cache.metrics.TrafficCacheMetrics}.
 */
@NullMarked
package dev.headroom.cache;

import org.jspecify.annotations.NullMarked;
