package dev.headroom.ratelimit;

import dev.headroom.breaker.CircuitBreaker;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RateLimiter} runs, apart from the limits its {@link RateLimitPolicy} sets: how many
 * keys an in-memory limiter tracks, and what a Redis limiter answers while Redis is unavailable.
 * Immutable; {@link #ofDefaults()}, or {@link #builder()} and {@link #toBuilder()}.
 */
public final class RateLimiterConfig {

    /** The default bound on keys per limit in memory, for a local limiter and a local fallback: {@value}. */
    public static final int DEFAULT_MAX_KEYS = 1_000_000;

    /**
     * The default failure policy of a Redis limiter: each instance enforces the whole policy on its
     * own, so a service stays protected, if more loosely, while Redis is away.
     */
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.localFallback(1);

    private static final RateLimiterConfig DEFAULTS = builder().build();

    private final int maxKeys;
    private final FailurePolicy failurePolicy;
    private final @Nullable CircuitBreaker redisBreaker;

    private RateLimiterConfig(Builder builder) {
        this.maxKeys = builder.maxKeys;
        this.failurePolicy = builder.failurePolicy;
        this.redisBreaker = builder.redisBreaker;
    }

    /**
     * Returns the defaults: {@link #DEFAULT_MAX_KEYS} and {@link #DEFAULT_FAILURE_POLICY}.
     *
     * @return the default configuration
     */
    public static RateLimiterConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder starting from this configuration.
     *
     * @return a new builder with this configuration's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the most keys one limit tracks in memory. Past it, a new key is denied (counted in
     * {@link RateLimiterStats#keysRejected()}) until idle keys can be dropped. Applies to an in-memory
     * limiter and to a Redis limiter's local fallback.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_KEYS}
     */
    public int maxKeys() {
        return maxKeys;
    }

    /**
     * Returns what a Redis limiter answers while Redis is unavailable; an in-memory limiter has no
     * use for it.
     *
     * @return the policy; default {@link #DEFAULT_FAILURE_POLICY}
     */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /**
     * Returns the breaker that guards the Redis calls of a Redis component made with this
     * configuration, if one was given, for instance to share one breaker among every component on
     * one Redis. Without one, each Redis component makes its own, named {@code
     * redis:<component>:<name>}, with {@link dev.headroom.breaker.CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}.
     * An in-memory component has no use for it.
     *
     * @return the breaker given to the builder, or empty
     */
    public Optional<CircuitBreaker> redisBreaker() {
        return Optional.ofNullable(redisBreaker);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimiterConfig that
                && maxKeys == that.maxKeys
                && failurePolicy.equals(that.failurePolicy)
                && Objects.equals(redisBreaker, that.redisBreaker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxKeys, failurePolicy, redisBreaker);
    }

    @Override
    public String toString() {
        return "RateLimiterConfig{maxKeys=" + maxKeys + ", " + failurePolicy + '}';
    }

    /** Builds a {@link RateLimiterConfig}; setters validate at once. */
    public static final class Builder {
        private int maxKeys = DEFAULT_MAX_KEYS;
        private FailurePolicy failurePolicy = DEFAULT_FAILURE_POLICY;
        private @Nullable CircuitBreaker redisBreaker;

        private Builder() {}

        private Builder(RateLimiterConfig from) {
            this.maxKeys = from.maxKeys;
            this.failurePolicy = from.failurePolicy;
            this.redisBreaker = from.redisBreaker;
        }

        /**
         * Sets the most keys one limit tracks in memory. Default {@link #DEFAULT_MAX_KEYS}.
         *
         * @param maxKeys at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxKeys} is less than 1
         */
        public Builder maxKeys(int maxKeys) {
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
            }
            this.maxKeys = maxKeys;
            return this;
        }

        /**
         * Sets what a Redis limiter answers while Redis is unavailable. Default {@link
         * #DEFAULT_FAILURE_POLICY}.
         *
         * @param failurePolicy the policy
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
            return this;
        }

        /**
         * Sets the breaker that guards Redis calls. Default: a breaker of each component's own.
         *
         * @param redisBreaker the breaker, for instance shared with a cache on the same Redis
         * @return this builder
         */
        public Builder redisBreaker(CircuitBreaker redisBreaker) {
            this.redisBreaker = Objects.requireNonNull(redisBreaker, "redisBreaker");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public RateLimiterConfig build() {
            return new RateLimiterConfig(this);
        }
    }
}
