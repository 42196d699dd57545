package dev.headroom.ratelimit;

import dev.headroom.breaker.CircuitBreaker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a {@link ConcurrencyLimiter}: how many leases may be open at once per key and, on
 * Redis, how long a lease nobody closes holds its permit and what answers while Redis is
 * unavailable. Immutable; {@link #ofDefaults()}, or {@link #builder()} and {@link #toBuilder()}.
 */
public final class ConcurrencyLimiterConfig {

    /** The default number of leases open at once per key: {@value}. */
    public static final int DEFAULT_LIMIT = 10;

    /** The default time a lease that is never closed holds its permit on Redis: one minute. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofMinutes(1);

    /** The default bound on keys with open leases in memory: {@value}. */
    public static final int DEFAULT_MAX_KEYS = 1_000_000;

    /**
     * The default failure policy on Redis: each instance grants up to the whole limit on its own
     * while Redis is away.
     */
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.localFallback(1);

    private static final ConcurrencyLimiterConfig DEFAULTS = builder().build();

    private final int limit;
    private final Duration leaseTimeout;
    private final int maxKeys;
    private final FailurePolicy failurePolicy;
    private final @Nullable CircuitBreaker redisBreaker;

    private ConcurrencyLimiterConfig(Builder builder) {
        this.limit = builder.limit;
        this.leaseTimeout = builder.leaseTimeout;
        this.maxKeys = builder.maxKeys;
        this.failurePolicy = builder.failurePolicy;
        this.redisBreaker = builder.redisBreaker;
    }

    /**
     * Returns the defaults: {@link #DEFAULT_LIMIT}, {@link #DEFAULT_LEASE_TIMEOUT}, {@link
     * #DEFAULT_MAX_KEYS} and {@link #DEFAULT_FAILURE_POLICY}.
     *
     * @return the default configuration
     */
    public static ConcurrencyLimiterConfig ofDefaults() {
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
     * Returns the most leases open at once per key; on Redis, across every instance.
     *
     * @return at least 1; default {@link #DEFAULT_LIMIT}
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns how long a lease on Redis that is never closed (its holder crashed) holds its permit:
     * longer than the longest piece of work. In memory leases never expire.
     *
     * @return at least one millisecond; default {@link #DEFAULT_LEASE_TIMEOUT}
     */
    public Duration leaseTimeout() {
        return leaseTimeout;
    }

    /**
     * Returns what a Redis limiter answers while Redis is unavailable: every lease granted, none, or
     * this instance's share of the limit.
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

    /**
     * Returns the most keys with open leases tracked in memory, by an in-memory limiter or a Redis
     * limiter's local fallback; past it a new key is refused.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_KEYS}
     */
    public int maxKeys() {
        return maxKeys;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConcurrencyLimiterConfig that
                && limit == that.limit
                && maxKeys == that.maxKeys
                && leaseTimeout.equals(that.leaseTimeout)
                && failurePolicy.equals(that.failurePolicy)
                && Objects.equals(redisBreaker, that.redisBreaker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, leaseTimeout, maxKeys, failurePolicy, redisBreaker);
    }

    @Override
    public String toString() {
        return "ConcurrencyLimiterConfig{limit=" + limit + ", leaseTimeout=" + leaseTimeout + ", maxKeys=" + maxKeys
                + ", " + failurePolicy + '}';
    }

    /** Builds a {@link ConcurrencyLimiterConfig}; setters validate at once. */
    public static final class Builder {
        private int limit = DEFAULT_LIMIT;
        private Duration leaseTimeout = DEFAULT_LEASE_TIMEOUT;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private FailurePolicy failurePolicy = DEFAULT_FAILURE_POLICY;
        private @Nullable CircuitBreaker redisBreaker;

        private Builder() {}

        private Builder(ConcurrencyLimiterConfig from) {
            this.limit = from.limit;
            this.leaseTimeout = from.leaseTimeout;
            this.maxKeys = from.maxKeys;
            this.failurePolicy = from.failurePolicy;
            this.redisBreaker = from.redisBreaker;
        }

        /**
         * Sets the most leases open at once per key. Default {@link #DEFAULT_LIMIT}.
         *
         * @param limit at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is less than 1
         */
        public Builder limit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Sets how long an unclosed lease holds its permit on Redis. Default {@link
         * #DEFAULT_LEASE_TIMEOUT}.
         *
         * @param leaseTimeout at least one millisecond
         * @return this builder
         * @throws IllegalArgumentException if {@code leaseTimeout} is shorter
         */
        public Builder leaseTimeout(Duration leaseTimeout) {
            if (leaseTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("leaseTimeout must be at least 1 ms: " + leaseTimeout);
            }
            this.leaseTimeout = leaseTimeout;
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
         * Sets the most keys with open leases tracked in memory. Default {@link #DEFAULT_MAX_KEYS}.
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
        public ConcurrencyLimiterConfig build() {
            return new ConcurrencyLimiterConfig(this);
        }
    }
}
