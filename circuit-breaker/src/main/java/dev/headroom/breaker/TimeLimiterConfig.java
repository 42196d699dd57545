package dev.headroom.breaker;

import dev.headroom.breaker.internal.backoff.Durations;
import java.time.Duration;

/**
 * How long a {@link TimeLimiter} lets a call run. Immutable; build one with {@link #builder()} or
 * start from {@link #ofDefaults()}. There is deliberately no option to let late work run on: a
 * timeout always cancels the work (resilience4j#905: timeouts that do not stop the work exhaust
 * the threads they run on).
 */
public final class TimeLimiterConfig {

    /** How long a call may take: {@code 1 s}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private static final TimeLimiterConfig DEFAULTS = new Builder().build();

    private final Duration timeout;

    private TimeLimiterConfig(Builder builder) {
        this.timeout = builder.timeout;
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static TimeLimiterConfig ofDefaults() {
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
        return new Builder().timeout(timeout);
    }

    /**
     * Returns how long a call may take, from the moment it is handed over until it completes;
     * time spent waiting for a thread counts.
     *
     * @return a positive duration; default {@link #DEFAULT_TIMEOUT}
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "TimeLimiterConfig{timeout=" + timeout + '}';
    }

    /** Builds {@link TimeLimiterConfig}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {}

        /**
         * Sets how long a call may take. Default {@link #DEFAULT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "timeout must be positive: PT0S"}
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requirePositive("timeout", timeout);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public TimeLimiterConfig build() {
            return new TimeLimiterConfig(this);
        }
    }
}
