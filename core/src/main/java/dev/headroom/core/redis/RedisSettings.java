package dev.headroom.core.redis;

import java.time.Duration;

/**
 * How {@link HeadroomRedis} connects: timeouts and bounds chosen for code on a request path, where
 * a slow answer is worse than a quick failure that a breaker turns into a fallback.
 *
 * <p>Unlike Lettuce's defaults (60-second command timeout, commands buffered without bound while
 * disconnected), every command here times out after {@link #commandTimeout()}, commands issued
 * while disconnected are rejected at once, and the connection reconnects on its own. Immutable;
 * build one with {@link #builder()} or start from {@link #ofDefaults()}.
 */
public final class RedisSettings {

    /** How long a command may take before it fails: {@code 250 ms}. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

    /** How long establishing a connection (TCP, TLS and the Redis handshake) may take: {@code 2 s}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    /** How many commands may wait for an answer on one connection before new ones are rejected: {@value}. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 65_536;

    /** How often a cluster connection re-reads the topology, besides on redirects: {@code 30 s}. */
    public static final Duration DEFAULT_TOPOLOGY_REFRESH_PERIOD = Duration.ofSeconds(30);

    /**
     * The longest pause between reconnect attempts while Redis is unreachable: {@code 1 s}. Attempts
     * back off exponentially with full jitter up to this bound, so a fleet does not reconnect in
     * lockstep and a recovered Redis is used again within about this long.
     */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private static final RedisSettings DEFAULTS = new Builder().build();

    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int requestQueueSize;
    private final Duration topologyRefreshPeriod;
    private final Duration maxReconnectDelay;

    private RedisSettings(Builder builder) {
        this.commandTimeout = builder.commandTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.requestQueueSize = builder.requestQueueSize;
        this.topologyRefreshPeriod = builder.topologyRefreshPeriod;
        this.maxReconnectDelay = builder.maxReconnectDelay;
    }

    /**
     * Returns the settings with every default.
     *
     * @return the default settings
     */
    public static RedisSettings ofDefaults() {
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
        return new Builder()
                .commandTimeout(commandTimeout)
                .connectTimeout(connectTimeout)
                .requestQueueSize(requestQueueSize)
                .topologyRefreshPeriod(topologyRefreshPeriod)
                .maxReconnectDelay(maxReconnectDelay);
    }

    /**
     * Returns how long a command may take before it fails with a timeout.
     *
     * @return the command timeout; default {@link #DEFAULT_COMMAND_TIMEOUT}
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Returns how long establishing a connection may take.
     *
     * @return the connect timeout; default {@link #DEFAULT_CONNECT_TIMEOUT}
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns how many commands may wait for an answer on one connection.
     *
     * @return the queue bound; default {@link #DEFAULT_REQUEST_QUEUE_SIZE}
     */
    public int requestQueueSize() {
        return requestQueueSize;
    }

    /**
     * Returns how often a cluster connection re-reads the topology.
     *
     * @return the refresh period; default {@link #DEFAULT_TOPOLOGY_REFRESH_PERIOD}
     */
    public Duration topologyRefreshPeriod() {
        return topologyRefreshPeriod;
    }

    /**
     * Returns the longest pause between reconnect attempts.
     *
     * @return the reconnect delay bound; default {@link #DEFAULT_MAX_RECONNECT_DELAY}
     */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    @Override
    public String toString() {
        return "RedisSettings{commandTimeout="
                + commandTimeout
                + ", connectTimeout="
                + connectTimeout
                + ", requestQueueSize="
                + requestQueueSize
                + ", topologyRefreshPeriod="
                + topologyRefreshPeriod
                + ", maxReconnectDelay="
                + maxReconnectDelay
                + '}';
    }

    /** Builds {@link RedisSettings}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
        private Duration topologyRefreshPeriod = DEFAULT_TOPOLOGY_REFRESH_PERIOD;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;

        private Builder() {}

        /**
         * Sets how long a command may take. Default {@link #DEFAULT_COMMAND_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = requirePositive("commandTimeout", timeout);
            return this;
        }

        /**
         * Sets how long establishing a connection may take. Default {@link #DEFAULT_CONNECT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets how many commands may wait for an answer on one connection. Default {@link
         * #DEFAULT_REQUEST_QUEUE_SIZE}.
         *
         * @param size at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is less than 1
         */
        public Builder requestQueueSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("requestQueueSize must be at least 1: " + size);
            }
            this.requestQueueSize = size;
            return this;
        }

        /**
         * Sets how often a cluster connection re-reads the topology. Default {@link
         * #DEFAULT_TOPOLOGY_REFRESH_PERIOD}.
         *
         * @param period a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code period} is zero or negative
         */
        public Builder topologyRefreshPeriod(Duration period) {
            this.topologyRefreshPeriod = requirePositive("topologyRefreshPeriod", period);
            return this;
        }

        /**
         * Sets the longest pause between reconnect attempts. Default {@link
         * #DEFAULT_MAX_RECONNECT_DELAY}.
         *
         * @param delay a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is zero or negative
         */
        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = requirePositive("maxReconnectDelay", delay);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public RedisSettings build() {
            return new RedisSettings(this);
        }

        private static Duration requirePositive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
