package dev.headroom.ratelimit;

/**
 * Makes the limiter of a policy, so that code such as {@link TieredRateLimiter} is written once for
 * memory and Redis: {@code policy -> RateLimiter.local(policy, config)} or {@code policy ->
 * RateLimiter.redis(policy, config, redis)}.
 */
@FunctionalInterface
public interface RateLimiterFactory {

    /**
     * Creates a limiter for a policy. Two Redis limiters of one policy name on one Redis share their
     * state; in memory every limiter has its own.
     *
     * @param policy what the limiter enforces
     * @return a new limiter
     */
    RateLimiter limiter(RateLimitPolicy policy);
}
