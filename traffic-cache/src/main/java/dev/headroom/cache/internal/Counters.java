package dev.headroom.cache.internal;

import dev.headroom.cache.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/** The cache's running totals; striped, so that counting on the hit path does not contend. */
final class Counters {
    final LongAdder memoryHits = new LongAdder();
    final LongAdder memoryMisses = new LongAdder();
    final LongAdder redisHits = new LongAdder();
    final LongAdder redisMisses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAdder failedLoadNanos = new LongAdder();
    final LongAdder sharedLoads = new LongAdder();
    final LongAdder staleRevalidating = new LongAdder();
    final LongAdder staleOnError = new LongAdder();
    final LongAdder staleWhileLeased = new LongAdder();
    final LongAdder refreshes = new LongAdder();
    final LongAdder earlyRefreshes = new LongAdder();
    final LongAdder refreshFailures = new LongAdder();
    final LongAdder decodeFailures = new LongAdder();
    final LongAdder encodeFailures = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder leasesAcquired = new LongAdder();
    final LongAdder leaseWaits = new LongAdder();
    final LongAdder leaseTimeouts = new LongAdder();
    final LongAdder invalidationsReceived = new LongAdder();
    final LongAdder localResets = new LongAdder();

    void load(boolean success, long nanos) {
        (success ? loads : loadFailures).increment();
        (success ? loadNanos : failedLoadNanos).add(Math.max(0, nanos));
    }

    /**
     * @param redisFailures Redis commands that failed, from the Redis guard
     * @param redisRefusals Redis commands the breaker refused, from the Redis guard
     */
    CacheStats snapshot(long redisFailures, long redisRefusals, long localSize, boolean degraded) {
        return new CacheStats(
                memoryHits.sum(),
                memoryMisses.sum(),
                redisHits.sum(),
                redisMisses.sum(),
                loads.sum(),
                loadFailures.sum(),
                loadNanos.sum(),
                failedLoadNanos.sum(),
                sharedLoads.sum(),
                staleRevalidating.sum(),
                staleOnError.sum(),
                staleWhileLeased.sum(),
                refreshes.sum(),
                earlyRefreshes.sum(),
                refreshFailures.sum(),
                decodeFailures.sum(),
                encodeFailures.sum(),
                evictions.sum(),
                redisFailures,
                redisRefusals,
                leasesAcquired.sum(),
                leaseWaits.sum(),
                leaseTimeouts.sum(),
                invalidationsReceived.sum(),
                localResets.sum(),
                localSize,
                degraded);
    }
}
