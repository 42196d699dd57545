package dev.headroom.ratelimit;

import java.util.Map;

/**
 * A snapshot of one {@link ConcurrencyLimiter}'s counts, totals since its creation that never
 * decrease. Immutable; {@link ConcurrencyLimiter#stats()} takes a new one at each call. Read by
 * {@link dev.headroom.ratelimit.metrics.ConcurrencyLimiterMetrics}.
 *
 * @param grantedBySource leases granted, by where the answer came from; every source is present
 * @param refusedBySource leases refused, by where the answer came from; every source is present
 * @param redisFailures Redis calls that failed or that the breaker refused: acquires answered by the
 *     failure policy, lookups answered by the local fallback, releases left to expire; always 0 in
 *     memory
 * @param keysRejected leases refused because an in-memory limiter already tracked its maximum number
 *     of keys
 */
public record ConcurrencyLimiterStats(
        Map<Decision.Source, Long> grantedBySource,
        Map<Decision.Source, Long> refusedBySource,
        long redisFailures,
        long keysRejected) {

    /**
     * Copies the maps.
     *
     * @param grantedBySource leases granted by source
     * @param refusedBySource leases refused by source
     * @param redisFailures failed or refused Redis calls
     * @param keysRejected refusals at the key cap
     */
    public ConcurrencyLimiterStats {
        grantedBySource = Map.copyOf(grantedBySource);
        refusedBySource = Map.copyOf(refusedBySource);
    }

    /**
     * Returns how many leases were granted, from any source.
     *
     * @return a total
     */
    public long granted() {
        return grantedBySource.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns how many leases were refused, from any source.
     *
     * @return a total
     */
    public long refused() {
        return refusedBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
