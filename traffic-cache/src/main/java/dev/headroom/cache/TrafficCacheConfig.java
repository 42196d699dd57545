package dev.headroom.cache;

import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.codec.EnvelopeCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TrafficCache} keeps, serves and refreshes values. Immutable; start from {@link
 * #ofDefaults()} or {@link #builder()}. Every builder setter validates at once and names the bad
 * value.
 *
 * <p>The defaults serve only fresh values (no stale serving until a grace period is set), refresh
 * hot keys early, bound the local tier to {@value #DEFAULT_LOCAL_MAX_ENTRIES} entries each of which
 * is trusted for at most {@link #DEFAULT_LOCAL_TTL_CAP} before Redis is asked again, and spread
 * expiries with {@value #DEFAULT_TTL_JITTER} jitter. Instances of one cache that share a Redis
 * should share one configuration: readers judge freshness with their own settings.
 */
public final class TrafficCacheConfig {

    /** Whether the local (Caffeine) tier is on: {@value}. */
    public static final boolean DEFAULT_LOCAL_TIER = true;

    /** How many entries the local tier keeps: {@value}. */
    public static final long DEFAULT_LOCAL_MAX_ENTRIES = 10_000;

    /**
     * How long the local tier trusts a value before asking Redis again, when a Redis tier is on:
     * {@code 10 s}. This bounds how long an instance may serve a value that another instance
     * invalidated when the invalidation message did not arrive.
     */
    public static final Duration DEFAULT_LOCAL_TTL_CAP = Duration.ofSeconds(10);

    /**
     * The largest fraction by which a value's lifetime is extended to spread expiries: {@value}, so
     * a value written with a 60 s TTL lives between 60 and 66 s.
     */
    public static final double DEFAULT_TTL_JITTER = 0.1;

    /** How long past its TTL a value is served while one refresh runs in the background: zero, off. */
    public static final Duration DEFAULT_STALE_WHILE_REVALIDATE = Duration.ZERO;

    /** How long past its TTL a value is served when the loader fails: zero, off. */
    public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ZERO;

    /**
     * The XFetch early-refresh parameter: {@value}. A read refreshes a value early when {@code now -
     * computeTime * beta * ln(random) >= expiry}; larger values refresh earlier, 0 turns early
     * refresh off.
     */
    public static final double DEFAULT_EARLY_REFRESH_BETA = 1.0;

    /**
     * How long an absent value (an empty {@code Optional} from a loader) is cached: zero, off, so an
     * absent value is loaded again on every read.
     */
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ZERO;

    /** Whether loads are coordinated across instances by a lease in Redis: {@value}. */
    public static final boolean DEFAULT_LEASE = false;

    /** How long a load that holds the cross-instance lease may take before another may load: {@code 5 s}. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(5);

    /** How long a reader waits for another instance's load before loading itself: {@code 500 ms}. */
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMillis(500);

    /**
     * How often an instance re-reads the namespace version from Redis, bounding how long it misses a
     * whole-cache invalidation whose message it did not receive: {@code 1 s}.
     */
    public static final Duration DEFAULT_NAMESPACE_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** Encoded values of at least this many bytes are compressed in Redis: {@value}. */
    public static final int DEFAULT_COMPRESS_ABOVE = EnvelopeCodec.DEFAULT_COMPRESSION_THRESHOLD;

    private static final TrafficCacheConfig DEFAULTS = new Builder().build();

    private final boolean localTier;
    private final long localMaxEntries;
    private final Duration localTtlCap;
    private final double ttlJitter;
    private final Duration staleWhileRevalidate;
    private final Duration staleIfError;
    private final double earlyRefreshBeta;
    private final Duration negativeTtl;
    private final boolean lease;
    private final Duration leaseTtl;
    private final Duration leaseWait;
    private final Duration namespaceCheckInterval;
    private final int compressAbove;
    private final CircuitBreakerConfig redisBreaker;

    private TrafficCacheConfig(Builder builder) {
        this.localTier = builder.localTier;
        this.localMaxEntries = builder.localMaxEntries;
        this.localTtlCap = builder.localTtlCap;
        this.ttlJitter = builder.ttlJitter;
        this.staleWhileRevalidate = builder.staleWhileRevalidate;
        this.staleIfError = builder.staleIfError;
        this.earlyRefreshBeta = builder.earlyRefreshBeta;
        this.negativeTtl = builder.negativeTtl;
        this.lease = builder.lease;
        this.leaseTtl = builder.leaseTtl;
        this.leaseWait = builder.leaseWait;
        this.namespaceCheckInterval = builder.namespaceCheckInterval;
        this.compressAbove = builder.compressAbove;
        this.redisBreaker = builder.redisBreaker;
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static TrafficCacheConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from this configuration.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .localTier(localTier)
                .localMaxEntries(localMaxEntries)
                .localTtlCap(localTtlCap)
                .ttlJitter(ttlJitter)
                .staleWhileRevalidate(staleWhileRevalidate)
                .staleIfError(staleIfError)
                .earlyRefreshBeta(earlyRefreshBeta)
                .lease(lease)
                .leaseTtl(leaseTtl)
                .leaseWait(leaseWait)
                .namespaceCheckInterval(namespaceCheckInterval)
                .compressAbove(compressAbove)
                .redisBreaker(redisBreaker)
                .negativeTtl(negativeTtl);
        return builder;
    }

    /**
     * Says whether the local (Caffeine) tier is on. It is on unless turned off for measurements.
     *
     * @return true if values are kept in memory; default {@value #DEFAULT_LOCAL_TIER}
     */
    public boolean localTier() {
        return localTier;
    }

    /**
     * Returns how many entries the local tier keeps when no weigher bounds it.
     *
     * @return the entry bound; default {@link #DEFAULT_LOCAL_MAX_ENTRIES}
     */
    public long localMaxEntries() {
        return localMaxEntries;
    }

    /**
     * Returns how long the local tier trusts a value before asking Redis again; without a Redis tier
     * the value's own TTL applies.
     *
     * @return the cap; default {@link #DEFAULT_LOCAL_TTL_CAP}
     */
    public Duration localTtlCap() {
        return localTtlCap;
    }

    /**
     * Returns the largest fraction by which a value's lifetime is extended, chosen per key and write
     * so that every instance computes the same expiry.
     *
     * @return a fraction in {@code [0, 1]}; default {@value #DEFAULT_TTL_JITTER}
     */
    public double ttlJitter() {
        return ttlJitter;
    }

    /**
     * Returns how long past its TTL a value is served while one background refresh runs.
     *
     * @return the grace period; default {@link #DEFAULT_STALE_WHILE_REVALIDATE} (off)
     */
    public Duration staleWhileRevalidate() {
        return staleWhileRevalidate;
    }

    /**
     * Returns how long past its TTL a value is served when the loader fails.
     *
     * @return the grace period; default {@link #DEFAULT_STALE_IF_ERROR} (off)
     */
    public Duration staleIfError() {
        return staleIfError;
    }

    /**
     * Returns the XFetch parameter; 0 means no early refresh.
     *
     * @return beta, at least 0; default {@value #DEFAULT_EARLY_REFRESH_BETA}
     */
    public double earlyRefreshBeta() {
        return earlyRefreshBeta;
    }

    /**
     * Returns how long an absent value (an empty {@code Optional} from a loader) is cached.
     *
     * @return the TTL of absent values, zero when they are not cached; default {@link
     *     #DEFAULT_NEGATIVE_TTL} (off)
     */
    public Duration negativeTtl() {
        return negativeTtl;
    }

    /**
     * Says whether loads are coordinated across instances by a lease in Redis.
     *
     * @return true if on; default {@value #DEFAULT_LEASE}
     */
    public boolean lease() {
        return lease;
    }

    /**
     * Returns how long a lease holder may load before the lease lapses.
     *
     * @return the lease TTL; default {@link #DEFAULT_LEASE_TTL}
     */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /**
     * Returns how long a reader without a stale value waits for the lease holder's value.
     *
     * @return the wait; default {@link #DEFAULT_LEASE_WAIT}
     */
    public Duration leaseWait() {
        return leaseWait;
    }

    /**
     * Returns how often the namespace version is re-read from Redis.
     *
     * @return the interval; default {@link #DEFAULT_NAMESPACE_CHECK_INTERVAL}
     */
    public Duration namespaceCheckInterval() {
        return namespaceCheckInterval;
    }

    /**
     * Returns the encoded size from which values are compressed in Redis.
     *
     * @return bytes; default {@value #DEFAULT_COMPRESS_ABOVE}
     */
    public int compressAbove() {
        return compressAbove;
    }

    /**
     * Returns the rules of the circuit breaker the cache puts in front of Redis, unless the builder
     * was given a breaker of its own.
     *
     * @return the breaker's configuration; default {@link CircuitBreakerConfig#DEFAULT_REDIS_BREAKER},
     *     the one every Headroom component puts in front of Redis
     */
    public CircuitBreakerConfig redisBreaker() {
        return redisBreaker;
    }

    @Override
    public String toString() {
        return "TrafficCacheConfig{localTier=" + localTier
                + ", localMaxEntries=" + localMaxEntries
                + ", localTtlCap=" + localTtlCap
                + ", ttlJitter=" + ttlJitter
                + ", staleWhileRevalidate=" + staleWhileRevalidate
                + ", staleIfError=" + staleIfError
                + ", earlyRefreshBeta=" + earlyRefreshBeta
                + ", negativeTtl=" + negativeTtl
                + ", lease=" + lease
                + ", leaseTtl=" + leaseTtl
                + ", leaseWait=" + leaseWait
                + ", namespaceCheckInterval=" + namespaceCheckInterval
                + ", compressAbove=" + compressAbove
                + ", redisBreaker=" + redisBreaker
                + '}';
    }

    /** Builds a {@link TrafficCacheConfig}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private boolean localTier = DEFAULT_LOCAL_TIER;
        private long localMaxEntries = DEFAULT_LOCAL_MAX_ENTRIES;
        private Duration localTtlCap = DEFAULT_LOCAL_TTL_CAP;
        private double ttlJitter = DEFAULT_TTL_JITTER;
        private Duration staleWhileRevalidate = DEFAULT_STALE_WHILE_REVALIDATE;
        private Duration staleIfError = DEFAULT_STALE_IF_ERROR;
        private double earlyRefreshBeta = DEFAULT_EARLY_REFRESH_BETA;
        private Duration negativeTtl = DEFAULT_NEGATIVE_TTL;
        private boolean lease = DEFAULT_LEASE;
        private Duration leaseTtl = DEFAULT_LEASE_TTL;
        private Duration leaseWait = DEFAULT_LEASE_WAIT;
        private Duration namespaceCheckInterval = DEFAULT_NAMESPACE_CHECK_INTERVAL;
        private int compressAbove = DEFAULT_COMPRESS_ABOVE;
        private CircuitBreakerConfig redisBreaker = CircuitBreakerConfig.DEFAULT_REDIS_BREAKER;

        private Builder() {}

        /**
         * Turns the local tier on or off. Off, every read goes to Redis (or the loader): meant for
         * measuring the Redis tier, not for production.
         *
         * @param enabled whether values are kept in memory
         * @return this builder
         */
        public Builder localTier(boolean enabled) {
            this.localTier = enabled;
            return this;
        }

        /**
         * Bounds the local tier by entries. Default {@link #DEFAULT_LOCAL_MAX_ENTRIES}.
         *
         * @param entries at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code entries} is less than 1
         */
        public Builder localMaxEntries(long entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("localMaxEntries must be at least 1: " + entries);
            }
            this.localMaxEntries = entries;
            return this;
        }

        /**
         * Sets how long the local tier trusts a value before asking Redis again. Default {@link
         * #DEFAULT_LOCAL_TTL_CAP}.
         *
         * @param cap a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code cap} is zero or negative
         */
        public Builder localTtlCap(Duration cap) {
            this.localTtlCap = requirePositive("localTtlCap", cap);
            return this;
        }

        /**
         * Sets the largest fraction by which a value's lifetime is extended. Default {@value
         * #DEFAULT_TTL_JITTER}.
         *
         * @param fraction in {@code [0, 1]}; 0 turns jitter off
         * @return this builder
         * @throws IllegalArgumentException if {@code fraction} is outside {@code [0, 1]} or not a number
         */
        public Builder ttlJitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("ttlJitter must be in [0, 1]: " + fraction);
            }
            this.ttlJitter = fraction;
            return this;
        }

        /**
         * Serves a value for up to {@code grace} past its TTL while one background refresh replaces
         * it. Default {@link #DEFAULT_STALE_WHILE_REVALIDATE} (off).
         *
         * @param grace zero (off) or a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is negative
         */
        public Builder staleWhileRevalidate(Duration grace) {
            this.staleWhileRevalidate = requireNotNegative("staleWhileRevalidate", grace);
            return this;
        }

        /**
         * Serves a value for up to {@code grace} past its TTL when the loader fails, instead of the
         * loader's exception. Default {@link #DEFAULT_STALE_IF_ERROR} (off).
         *
         * @param grace zero (off) or a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code grace} is negative
         */
        public Builder staleIfError(Duration grace) {
            this.staleIfError = requireNotNegative("staleIfError", grace);
            return this;
        }

        /**
         * Sets the XFetch parameter. Default {@value #DEFAULT_EARLY_REFRESH_BETA}.
         *
         * @param beta at least 0; 0 turns early refresh off
         * @return this builder
         * @throws IllegalArgumentException if {@code beta} is negative, infinite or not a number
         */
        public Builder earlyRefreshBeta(double beta) {
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("earlyRefreshBeta must be a finite number >= 0: " + beta);
            }
            this.earlyRefreshBeta = beta;
            return this;
        }

        /**
         * Caches absent values (an empty {@code Optional} from a loader) for {@code ttl}, or not at
         * all with zero. Default {@link #DEFAULT_NEGATIVE_TTL} (off): an absent value is loaded again
         * on every read.
         *
         * @param ttl zero (off) or at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is negative, or positive and shorter than 1
         *     ms
         */
        public Builder negativeTtl(Duration ttl) {
            requireNotNegative("negativeTtl", ttl);
            this.negativeTtl = ttl.isZero() ? ttl : requireTtl("negativeTtl", ttl);
            return this;
        }

        /**
         * Turns the cross-instance lease on or off. On, one instance loads a missing key while the
         * others wait up to {@link #leaseWait(Duration)} for its value or serve a stale one. Default
         * {@value #DEFAULT_LEASE}. Needs a Redis tier.
         *
         * @param enabled whether loads take a lease in Redis
         * @return this builder
         */
        public Builder lease(boolean enabled) {
            this.lease = enabled;
            return this;
        }

        /**
         * Sets how long a lease holder may load. Default {@link #DEFAULT_LEASE_TTL}.
         *
         * @param ttl at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is shorter than 1 ms
         */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = requireTtl("leaseTtl", ttl);
            return this;
        }

        /**
         * Sets how long a reader without a stale value waits for another instance's load. Default
         * {@link #DEFAULT_LEASE_WAIT}.
         *
         * @param wait zero (load at once) or a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code wait} is negative
         */
        public Builder leaseWait(Duration wait) {
            this.leaseWait = requireNotNegative("leaseWait", wait);
            return this;
        }

        /**
         * Sets how often the namespace version is re-read from Redis. Default {@link
         * #DEFAULT_NAMESPACE_CHECK_INTERVAL}.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is zero or negative
         */
        public Builder namespaceCheckInterval(Duration interval) {
            this.namespaceCheckInterval = requirePositive("namespaceCheckInterval", interval);
            return this;
        }

        /**
         * Compresses values whose encoded size is at least {@code bytes} in Redis. Default {@value
         * #DEFAULT_COMPRESS_ABOVE}.
         *
         * @param bytes at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is less than 1
         */
        public Builder compressAbove(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compressAbove must be at least 1 byte: " + bytes);
            }
            this.compressAbove = bytes;
            return this;
        }

        /**
         * Sets the rules of the circuit breaker in front of Redis. Default {@link
         * CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}.
         *
         * @param config the breaker's configuration
         * @return this builder
         */
        public Builder redisBreaker(CircuitBreakerConfig config) {
            this.redisBreaker = Objects.requireNonNull(config, "redisBreaker");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public TrafficCacheConfig build() {
            return new TrafficCacheConfig(this);
        }

        private static Duration requirePositive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration requireNotNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }

        private static Duration requireTtl(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1 ms: " + value);
            }
            return value;
        }
    }
}
