package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.internal.LocalRateLimiter;

/**
 * Makes in-memory limiters: lock-free, exact under contention, with bounded state. Each limiter
 * keeps one {@code long} per key and limit; a key whose state reads like a new key's (a full
 * bucket, an expired window) is dropped as new keys arrive, and no limit tracks more than {@link
 * #maxKeys()} keys: at the cap, a new key is denied (and counted in {@link
 * RateLimiterStats#keysRejected()}) until idle keys can be dropped. Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimiter limiter = LocalRateLimiters.ofDefaults()
 *         .limiter(RateLimitPolicy.of("api", Limit.tokenBucket("burst", 10, 10, Duration.ofSeconds(1))));
 * Decision decision = limiter.tryAcquire(userId);
 * }</pre>
 */
public final class LocalRateLimiters implements RateLimiterFactory {

    /** The default bound on keys per limit: {@value}. */
    public static final int DEFAULT_MAX_KEYS = 1_000_000;

    private static final LocalRateLimiters DEFAULTS = builder().build();

    private final Ticker ticker;
    private final int maxKeys;

    private LocalRateLimiters(Builder builder) {
        this.ticker = builder.ticker;
        this.maxKeys = builder.maxKeys;
    }

    /**
     * Returns a factory on the system ticker with {@link #DEFAULT_MAX_KEYS}.
     *
     * @return the default factory
     */
    public static LocalRateLimiters ofDefaults() {
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

    @Override
    public RateLimiter limiter(RateLimitPolicy policy) {
        return new LocalRateLimiter(policy, ticker, maxKeys);
    }

    /**
     * Returns the clock of the limiters made here.
     *
     * @return the ticker; default {@link Ticker#system()}
     */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Returns the most keys one limit tracks.
     *
     * @return the bound; default {@link #DEFAULT_MAX_KEYS}
     */
    public int maxKeys() {
        return maxKeys;
    }

    @Override
    public String toString() {
        return "LocalRateLimiters{ticker=" + ticker + ", maxKeys=" + maxKeys + '}';
    }

    /** Builds {@link LocalRateLimiters}; setters validate at once. */
    public static final class Builder {
        private Ticker ticker = Ticker.system();
        private int maxKeys = DEFAULT_MAX_KEYS;

        private Builder() {}

        /**
         * Sets the clock. Default {@link Ticker#system()}; a {@link dev.headroom.core.ManualTicker}
         * in tests.
         *
         * @param ticker the clock
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        /**
         * Sets the most keys one limit tracks. Default {@link #DEFAULT_MAX_KEYS}.
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
         * Builds the factory.
         *
         * @return the factory
         */
        public LocalRateLimiters build() {
            return new LocalRateLimiters(this);
        }
    }
}
