package dev.headroom.ratelimit;

/**
 * Live counts of one limiter's decisions, totals since creation that never decrease. Read by {@link
 * dev.headroom.ratelimit.metrics.RateLimiterMetrics}.
 */
public interface RateLimiterStats {

    /**
     * Returns how many decisions came from {@code source} with the given outcome.
     *
     * @param source where the decisions were made
     * @param allowed the outcome
     * @return a running total
     */
    long decisions(Decision.Source source, boolean allowed);

    /**
     * Returns how many decisions allowed the request, from any source.
     *
     * @return a running total
     */
    default long allowed() {
        long total = 0;
        for (Decision.Source source : Decision.Source.values()) {
            total += decisions(source, true);
        }
        return total;
    }

    /**
     * Returns how many decisions denied the request, from any source.
     *
     * @return a running total
     */
    default long denied() {
        long total = 0;
        for (Decision.Source source : Decision.Source.values()) {
            total += decisions(source, false);
        }
        return total;
    }

    /**
     * Returns how many Redis calls failed (timeouts, disconnections, errors) or were refused by the
     * breaker, each answered by the failure policy. Always 0 in memory.
     *
     * @return a running total
     */
    long redisFailures();

    /**
     * Returns how many requests were denied because an in-memory limiter already tracked its maximum
     * number of keys and none was idle.
     *
     * @return a running total
     */
    long keysRejected();
}
