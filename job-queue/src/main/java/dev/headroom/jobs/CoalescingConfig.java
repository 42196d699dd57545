package dev.headroom.jobs;

import dev.headroom.breaker.Backoff;
import java.time.Duration;

/**
 * Settings of a {@link CoalescingQueue}: how long a key's burst is debounced, how long a steady
 * stream may postpone its run, how many runs may go at once, how failed runs retry, how long an
 * unchanged payload skips its compute step, and how often a health line is logged. Immutable;
 * build one with {@link #builder()} or take {@link #ofDefaults()}.
 */
public final class CoalescingConfig {

    /** The quiet time after a key's last submission before it runs: {@code PT3S}. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(3);

    /** The longest a key's first pending submission waits for its run under a steady stream: {@code PT30S}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

    /** The most runs at once across all keys: 0, meaning no cap. */
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 0;

    /** How many times one payload is tried before it is given up: 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * The wait before a retry: exponential from 1 s, doubling, capped at 1 min, with equal jitter
     * (each wait is at least half the un-jittered one).
     */
    public static final Backoff DEFAULT_RETRY_BACKOFF =
            Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1)).withEqualJitter();

    /** How long an unchanged payload skips the compute step: zero, meaning the skip cache is off. */
    public static final Duration DEFAULT_SKIP_TTL = Duration.ZERO;

    /** How often the health line is logged: {@code PT1M}; zero turns it off. */
    public static final Duration DEFAULT_HEALTH_LOG_INTERVAL = Duration.ofMinutes(1);

    /** How long {@link CoalescingQueue#close()} waits for running work: {@code PT30S}. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final CoalescingConfig DEFAULTS = builder().build();

    private final Duration debounce;
    private final Duration maxWait;
    private final int maxConcurrentRuns;
    private final int maxAttempts;
    private final Backoff retryBackoff;
    private final Duration skipTtl;
    private final Duration healthLogInterval;
    private final Duration shutdownTimeout;

    private CoalescingConfig(Builder builder) {
        this.debounce = builder.debounce;
        this.maxWait = builder.maxWait;
        this.maxConcurrentRuns = builder.maxConcurrentRuns;
        this.maxAttempts = builder.maxAttempts;
        this.retryBackoff = builder.retryBackoff;
        this.skipTtl = builder.skipTtl;
        this.healthLogInterval = builder.healthLogInterval;
        this.shutdownTimeout = builder.shutdownTimeout;
    }

    /**
     * Returns the settings with every default.
     *
     * @return the default settings
     */
    public static CoalescingConfig ofDefaults() {
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
     * Returns a builder that starts from these settings.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.debounce = debounce;
        builder.maxWait = maxWait;
        builder.maxConcurrentRuns = maxConcurrentRuns;
        builder.maxAttempts = maxAttempts;
        builder.retryBackoff = retryBackoff;
        builder.skipTtl = skipTtl;
        builder.healthLogInterval = healthLogInterval;
        builder.shutdownTimeout = shutdownTimeout;
        return builder;
    }

    /**
     * Returns the quiet time after a key's last submission before the key runs (trailing edge).
     *
     * @return the debounce window; default {@link #DEFAULT_DEBOUNCE}
     */
    public Duration debounce() {
        return debounce;
    }

    /**
     * Returns the longest time from a key's first pending submission to its run, however steadily
     * submissions keep arriving.
     *
     * @return the max-wait cap, at least {@link #debounce()}; default {@link #DEFAULT_MAX_WAIT}
     */
    public Duration maxWait() {
        return maxWait;
    }

    /**
     * Returns the most runs that may go at once across all keys.
     *
     * @return the cap, or 0 for none; default {@link #DEFAULT_MAX_CONCURRENT_RUNS}
     */
    public int maxConcurrentRuns() {
        return maxConcurrentRuns;
    }

    /**
     * Returns how many times one payload is tried, the first run included.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns how long a failed run waits before its retry, by retry number.
     *
     * @return the backoff; default {@link #DEFAULT_RETRY_BACKOFF}
     */
    public Backoff retryBackoff() {
        return retryBackoff;
    }

    /**
     * Returns how long a computed result is reused for the same key and payload signature.
     *
     * @return the skip-cache lifetime, or zero when the skip cache is off; default {@link
     *     #DEFAULT_SKIP_TTL}
     */
    public Duration skipTtl() {
        return skipTtl;
    }

    /**
     * Returns how often the queue logs its health line at INFO.
     *
     * @return the interval, or zero for never; default {@link #DEFAULT_HEALTH_LOG_INTERVAL}
     */
    public Duration healthLogInterval() {
        return healthLogInterval;
    }

    /**
     * Returns how long {@link CoalescingQueue#close()} waits for running and pending work.
     *
     * @return the close timeout; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}
     */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    @Override
    public String toString() {
        return "CoalescingConfig{debounce=" + debounce + ", maxWait=" + maxWait + ", maxConcurrentRuns="
                + maxConcurrentRuns + ", maxAttempts=" + maxAttempts + ", retryBackoff=" + retryBackoff
                + ", skipTtl=" + skipTtl + ", healthLogInterval="
                + healthLogInterval + ", shutdownTimeout=" + shutdownTimeout + '}';
    }

    /** Builds {@link CoalescingConfig}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private Duration debounce = DEFAULT_DEBOUNCE;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Backoff retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration skipTtl = DEFAULT_SKIP_TTL;
        private Duration healthLogInterval = DEFAULT_HEALTH_LOG_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {}

        /**
         * Sets the quiet time after a key's last submission before it runs. Default {@link
         * #DEFAULT_DEBOUNCE}.
         *
         * @param window zero (run as soon as possible) or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code window} is negative
         */
        public Builder debounce(Duration window) {
            this.debounce = Settings.requireNotNegative("debounce", window);
            return this;
        }

        /**
         * Caps how long a key's first pending submission waits, so a steady stream still runs.
         * Default {@link #DEFAULT_MAX_WAIT}; must not be shorter than the debounce window, checked
         * at {@link #build()}.
         *
         * @param maxWait zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxWait} is negative
         */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = Settings.requireNotNegative("maxWait", maxWait);
            return this;
        }

        /**
         * Caps the runs at once across all keys; due keys beyond it wait in FIFO order and still
         * coalesce new submissions while they wait. Default: no cap.
         *
         * @param runs at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code runs} is less than 1
         */
        public Builder maxConcurrentRuns(int runs) {
            this.maxConcurrentRuns = Settings.requireAtLeastOne("maxConcurrentRuns", runs);
            return this;
        }

        /**
         * Removes the cap on runs at once (the default).
         *
         * @return this builder
         */
        public Builder unlimitedConcurrentRuns() {
            this.maxConcurrentRuns = 0;
            return this;
        }

        /**
         * Sets how many times one payload is tried, the first run included. Default {@link
         * #DEFAULT_MAX_ATTEMPTS}; 1 turns retries off.
         *
         * @param attempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code attempts} is less than 1
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Settings.requireAtLeastOne("maxAttempts", attempts);
            return this;
        }

        /**
         * Sets how long a failed run waits before its retry: any {@link Backoff} of the
         * circuit-breaker module, such as {@code Backoff.exponential(initial, max)} or {@code
         * Backoff.fixed(delay)}. Default {@link #DEFAULT_RETRY_BACKOFF}.
         *
         * @param backoff the retry backoff
         * @return this builder
         */
        public Builder retryBackoff(Backoff backoff) {
            this.retryBackoff = java.util.Objects.requireNonNull(backoff, "retryBackoff");
            return this;
        }

        /**
         * Turns the skip cache on: for {@code ttl} after a key computed a result, a run of the same
         * key with a payload of the same signature skips the compute step and hands the after-step
         * that result. Zero turns it off (the default).
         *
         * @param ttl zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code ttl} is negative
         */
        public Builder skipTtl(Duration ttl) {
            this.skipTtl = Settings.requireNotNegative("skipTtl", ttl);
            return this;
        }

        /**
         * Sets how often the health line is logged at INFO. Default {@link
         * #DEFAULT_HEALTH_LOG_INTERVAL}; zero turns it off.
         *
         * @param interval zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is negative
         */
        public Builder healthLogInterval(Duration interval) {
            this.healthLogInterval = Settings.requireNotNegative("healthLogInterval", interval);
            return this;
        }

        /**
         * Sets how long {@link CoalescingQueue#close()} waits. Default {@link
         * #DEFAULT_SHUTDOWN_TIMEOUT}.
         *
         * @param timeout zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Settings.requireNotNegative("shutdownTimeout", timeout);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         * @throws IllegalArgumentException if the max wait is shorter than the debounce window
         */
        public CoalescingConfig build() {
            if (maxWait.compareTo(debounce) < 0) {
                throw new IllegalArgumentException(
                        "maxWait must be at least the debounce window " + debounce + ": " + maxWait);
            }
            return new CoalescingConfig(this);
        }
    }
}
