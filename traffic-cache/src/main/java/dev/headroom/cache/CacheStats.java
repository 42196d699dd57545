package dev.headroom.cache;

/**
 * A snapshot of a cache's counters. Counters are totals since the cache was built and never
 * decrease; {@code localSize} and {@code degraded} describe the moment of the snapshot.
 *
 * @param memoryHits reads answered fresh from the local tier
 * @param memoryMisses reads the local tier could not answer fresh
 * @param redisHits reads answered fresh from Redis
 * @param redisMisses Redis reads that found nothing usable (absent, expired or undecodable)
 * @param loads loader calls that returned a value, background refreshes included
 * @param loadFailures loader calls that failed or returned null
 * @param loadTimeNanos time spent in loader calls that returned a value
 * @param failedLoadTimeNanos time spent in loader calls that failed
 * @param sharedLoads reads that waited for a load another read in this process started
 * @param staleRevalidating stale values served while a refresh ran
 * @param staleOnError stale values served because the loader failed
 * @param staleWhileLeased stale values served because another instance held the lease
 * @param refreshes background refreshes started, for staleness or early
 * @param earlyRefreshes background refreshes started early by XFetch (included in {@code refreshes})
 * @param refreshFailures background refreshes whose loader failed
 * @param decodeFailures values in Redis that did not decode and were treated as misses
 * @param encodeFailures loaded values the codec could not encode, kept in memory but not in Redis
 * @param evictions entries the local tier dropped for want of room
 * @param redisFailures Redis commands that failed or timed out, also published as {@code
 *     headroom.redis.failures}
 * @param redisRefusals Redis commands not sent because the breaker refused them
 * @param leasesAcquired loads that took the cross-instance lease
 * @param leaseWaits reads that waited for another instance's load and got its value
 * @param leaseTimeouts reads that waited for another instance's load in vain and loaded themselves
 * @param invalidationsReceived invalidation messages from other instances applied here
 * @param localResets times the whole local tier was dropped (namespace invalidation, pub/sub
 *     reconnect, namespace version change)
 * @param localSize entries in the local tier now, approximately
 * @param degraded whether Redis is being bypassed or failing now
 */
public record CacheStats(
        long memoryHits,
        long memoryMisses,
        long redisHits,
        long redisMisses,
        long loads,
        long loadFailures,
        long loadTimeNanos,
        long failedLoadTimeNanos,
        long sharedLoads,
        long staleRevalidating,
        long staleOnError,
        long staleWhileLeased,
        long refreshes,
        long earlyRefreshes,
        long refreshFailures,
        long decodeFailures,
        long encodeFailures,
        long evictions,
        long redisFailures,
        long redisRefusals,
        long leasesAcquired,
        long leaseWaits,
        long leaseTimeouts,
        long invalidationsReceived,
        long localResets,
        long localSize,
        boolean degraded) {

    /**
     * Returns how many stale values were served, for any reason.
     *
     * @return the sum of the three stale counters
     */
    public long staleServed() {
        return staleRevalidating + staleOnError + staleWhileLeased;
    }
}
