package dev.headroom.ratelimit;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.ratelimit.internal.BreakerGuard;
import dev.headroom.ratelimit.internal.RedisConcurrencyLimiter;
import dev.headroom.ratelimit.internal.RedisGuard;
import dev.headroom.ratelimit.internal.RedisRateLimiter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Makes limiters whose state lives in Redis and is shared by every instance of a service.
 *
 * <p><b>One round trip.</b> Every decision, over any number of limits and keys, is one {@code
 * EVALSHA} of one Lua script (re-sent with {@code EVAL} only after Redis lost its script cache). The
 * script takes the time from Redis {@code TIME} in microseconds, so client clocks never decide; it
 * writes all the limits or none, and gives every key a TTL after which its state is as good as new.
 * The reply is five integers.
 *
 * <p><b>Keys.</b> {@code hr:{rl:<policy>:<first key>}:...}: every key of one decision shares the
 * hash tag of the decision's first key, so the same script runs on Redis Cluster. See {@link
 * RateLimitPolicy} for what that means for several scopes.
 *
 * <p><b>Failures.</b> A Redis failure never reaches the caller: the limiter's {@link FailurePolicy}
 * answers (default {@link #DEFAULT_FAILURE_POLICY}), and the outcome is counted. Redis calls go
 * through a circuit breaker, so a Redis that is down is not waited on call after call. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * RedisRateLimiters limiters = RedisRateLimiters.builder(redis)
 *         .failurePolicy(FailurePolicy.localFallback(4))
 *         .build();
 * RateLimiter api = limiters.limiter(RateLimitPolicy.of("api", Limit.gcra("rate", 100, Duration.ofMinutes(1), 20)));
 * }</pre>
 */
public final class RedisRateLimiters implements RateLimiterFactory {

    /**
     * The default failure policy: each instance enforces the whole policy on its own, so a service
     * stays protected, if more loosely, while Redis is away.
     */
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.localFallback(1);

    /**
     * The default breaker rules for Redis calls: open when half of the last 50 calls (at least 10)
     * failed or took 100 ms or more, stay open for one second, then probe with 3 calls. A limiter's
     * decision must be fast, so a slow Redis counts as a failing one.
     */
    public static final CircuitBreakerConfig DEFAULT_BREAKER_CONFIG = CircuitBreakerConfig.builder()
            .slidingWindow(SlidingWindow.lastCalls(50))
            .minimumCalls(10)
            .failureRateThreshold(50)
            .slowCallDuration(Duration.ofMillis(100))
            .slowCallRateThreshold(50)
            .openDuration(Duration.ofSeconds(1))
            .halfOpenProbes(3)
            .maxProbeDuration(Duration.ofSeconds(1))
            .build();

    private final HeadroomRedis redis;
    private final FailurePolicy failurePolicy;
    private final Ticker ticker;
    private final int maxFallbackKeys;
    private final RedisGuard guard;
    private final CircuitBreaker breaker;

    private RedisRateLimiters(Builder builder) {
        this.redis = builder.redis;
        this.failurePolicy = builder.failurePolicy;
        this.ticker = builder.ticker;
        this.maxFallbackKeys = builder.maxFallbackKeys;
        CircuitBreaker breaker = builder.breaker != null
                ? builder.breaker
                : CircuitBreaker.of("redis-rate-limit", DEFAULT_BREAKER_CONFIG, builder.ticker);
        this.breaker = breaker;
        this.guard = new BreakerGuard(breaker, builder.ticker);
    }

    /**
     * Returns a builder for limiters on {@code redis}.
     *
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @return a new builder
     */
    public static Builder builder(HeadroomRedis redis) {
        return new Builder(redis);
    }

    @Override
    public RateLimiter limiter(RateLimitPolicy policy) {
        return limiter(policy, failurePolicy);
    }

    /**
     * Creates a limiter with its own failure policy.
     *
     * @param policy what it enforces
     * @param failurePolicy what answers while Redis is unavailable
     * @return a new limiter
     */
    public RateLimiter limiter(RateLimitPolicy policy, FailurePolicy failurePolicy) {
        return new RedisRateLimiter(policy, redis, failurePolicy, guard, ticker, maxFallbackKeys, null);
    }

    /**
     * Creates a concurrency limit shared by every instance, with this factory's failure policy.
     *
     * @param name the limiter's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param limit the most leases open at once per key across the fleet, at least 1
     * @param leaseTimeout how long a lease that is never closed (its holder crashed) holds its
     *     permit; longer than the longest piece of work, at least one millisecond
     * @return the limiter
     * @throws IllegalArgumentException if a value is out of range
     */
    public ConcurrencyLimiter concurrencyLimiter(String name, int limit, Duration leaseTimeout) {
        Limit.requireName(name);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (leaseTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("leaseTimeout must be at least 1 ms: " + leaseTimeout);
        }
        return new RedisConcurrencyLimiter(
                redis, name, limit, leaseTimeout, failurePolicy, guard, ticker, maxFallbackKeys, null);
    }

    /**
     * Returns the breaker that guards every Redis call of the limiters made here.
     *
     * @return the breaker given to the builder, or the default one
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Returns the failure policy of limiters made by {@link #limiter(RateLimitPolicy)}.
     *
     * @return the failure policy
     */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    @Override
    public String toString() {
        return "RedisRateLimiters{" + redis + ", " + failurePolicy + '}';
    }

    /** Builds {@link RedisRateLimiters}. */
    public static final class Builder {
        private final HeadroomRedis redis;
        private FailurePolicy failurePolicy = DEFAULT_FAILURE_POLICY;
        private Ticker ticker = Ticker.system();
        private int maxFallbackKeys = LocalRateLimiters.DEFAULT_MAX_KEYS;
        private @Nullable CircuitBreaker breaker;

        private Builder(HeadroomRedis redis) {
            this.redis = redis;
        }

        /**
         * Sets the failure policy. Default {@link #DEFAULT_FAILURE_POLICY}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = policy;
            return this;
        }

        /**
         * Sets the clock of blocking waits, the breaker and the local fallback; decisions on Redis
         * use Redis time. Default {@link Ticker#system()}.
         *
         * @param ticker the clock
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        /**
         * Sets the breaker that guards Redis calls, for instance to share one with a cache on the
         * same Redis. Default: a breaker named {@code redis-rate-limit} with {@link
         * #DEFAULT_BREAKER_CONFIG} on this builder's ticker.
         *
         * @param breaker the breaker
         * @return this builder
         */
        public Builder breaker(CircuitBreaker breaker) {
            this.breaker = breaker;
            return this;
        }

        /**
         * Sets the most keys per limit a local fallback tracks. Default {@link
         * LocalRateLimiters#DEFAULT_MAX_KEYS}.
         *
         * @param maxKeys at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxKeys} is less than 1
         */
        public Builder maxFallbackKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxFallbackKeys must be at least 1: " + maxKeys);
            }
            this.maxFallbackKeys = maxKeys;
            return this;
        }

        /**
         * Builds the factory.
         *
         * @return the factory
         */
        public RedisRateLimiters build() {
            return new RedisRateLimiters(this);
        }
    }
}
