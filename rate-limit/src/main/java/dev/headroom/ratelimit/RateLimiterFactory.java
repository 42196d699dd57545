package dev.headroom.ratelimit;

/**
 * Makes limiters on one backend, in memory or on Redis, so that code such as {@link
 * TieredRateLimiter} is written once for both.
 */
public interface RateLimiterFactory {

    /**
     * Creates a limiter for a policy. Two limiters of one policy name on one Redis share their
     * state; in memory every limiter has its own.
     *
     * @param policy what the limiter enforces
     * @return a new limiter
     */
    RateLimiter limiter(RateLimitPolicy policy);
}
