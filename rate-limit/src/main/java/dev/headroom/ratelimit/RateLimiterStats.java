package dev.headroom.ratelimit;

import java.util.Map;

/**
 * A snapshot of one {@link RateLimiter}'s counts, totals since its creation that never decrease.
 * Immutable; {@link RateLimiter#stats()} takes a new one at each call. Read by {@link
 * dev.headroom.ratelimit.metrics.RateLimiterMetrics}.
 *
 * @param allowedBySource allowed decisions by where they were made; every source is present
 * @param deniedBySource denied decisions by where they were made; every source is present
 * @param redisFailures Redis calls that failed (timeouts, disconnections, errors) or that the
 *     breaker refused, each answered by the failure policy; always 0 in memory
 * @param keysRejected requests denied because an in-memory limiter already tracked its maximum
 *     number of keys and none was idle
 */
public record RateLimiterStats(
        Map<Decision.Source, Long> allowedBySource,
        Map<Decision.Source, Long> deniedBySource,
        long redisFailures,
        long keysRejected) {

    /**
     * Copies the maps.
     *
     * @param allowedBySource allowed decisions by source
     * @param deniedBySource denied decisions by source
     * @param redisFailures failed or refused Redis calls
     * @param keysRejected denials at the key cap
     */
    public RateLimiterStats {
        allowedBySource = Map.copyOf(allowedBySource);
        deniedBySource = Map.copyOf(deniedBySource);
    }

    /**
     * Returns how many decisions came from {@code source} with the given outcome.
     *
     * @param source where the decisions were made
     * @param allowed the outcome
     * @return a total
     */
    public long decisions(Decision.Source source, boolean allowed) {
        return (allowed ? allowedBySource : deniedBySource).getOrDefault(source, 0L);
    }

    /**
     * Returns how many decisions allowed the request, from any source.
     *
     * @return a total
     */
    public long allowed() {
        return allowedBySource.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns how many decisions denied the request, from any source.
     *
     * @return a total
     */
    public long denied() {
        return deniedBySource.values().stream().mapToLong(Long::longValue).sum();
    }
}
