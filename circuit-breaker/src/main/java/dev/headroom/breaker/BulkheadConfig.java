package dev.headroom.breaker;

import dev.headroom.breaker.internal.backoff.Durations;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How a {@link Bulkhead} bounds and queues calls. Immutable; build one with {@link #builder()} or
 * start from {@link #ofDefaults()}.
 *
 * <p><b>Capacity.</b> At most {@link #maxConcurrentCalls()} calls run at once. A priority with a
 * {@link #guaranteedShare(Priority)} owns {@code floor(share * maxConcurrentCalls)} of the slots,
 * which no other priority may use; the remaining slots are shared by everyone.
 *
 * <p><b>Queue.</b> A request that finds no slot may wait in a queue of at most {@link
 * #maxQueueSize()} requests. Waiters are served highest priority first. Within a priority the
 * queue is first-in first-out while it is healthy. Once it has not been empty for a whole {@link
 * #congestionInterval()} it is <em>congested</em>: it serves the newest request first (adaptive
 * LIFO: the newest request's caller is the most likely to still be waiting) and new requests may
 * wait only {@link #congestedMaxWait()} instead of {@link #maxWait()} (CoDel-style queue
 * timeouts). When the queue is full, the oldest waiter of the lowest priority below the newcomer's
 * is shed to make room; a newcomer with nothing below it is refused.
 */
public final class BulkheadConfig {

    /** Calls that may run at once: {@value}. */
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 25;

    /** The most calls that may run at once: {@value}. */
    public static final int MAX_CONCURRENT_CALLS = 65_535;

    /** Requests that may wait for a slot: {@value}. */
    public static final int DEFAULT_MAX_QUEUE_SIZE = 100;

    /** The longest queue: {@value}. */
    public static final int MAX_QUEUE_SIZE = 65_535;

    /** How long a request may wait while the queue is healthy: {@code 100 ms}. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(100);

    /** How long a request may wait while the queue is congested: {@code 5 ms}. */
    public static final Duration DEFAULT_CONGESTED_MAX_WAIT = Duration.ofMillis(5);

    /** How long the queue must stay non-empty to count as congested: {@code 100 ms}. */
    public static final Duration DEFAULT_CONGESTION_INTERVAL = Duration.ofMillis(100);

    private static final BulkheadConfig DEFAULTS = new Builder().build();

    private final int maxConcurrentCalls;
    private final int maxQueueSize;
    private final Duration maxWait;
    private final Duration congestedMaxWait;
    private final Duration congestionInterval;
    private final Map<Priority, Double> guaranteedShares;

    private BulkheadConfig(Builder builder) {
        this.maxConcurrentCalls = builder.maxConcurrentCalls;
        this.maxQueueSize = builder.maxQueueSize;
        this.maxWait = builder.maxWait;
        this.congestedMaxWait = builder.congestedMaxWait;
        this.congestionInterval = builder.congestionInterval;
        this.guaranteedShares = new EnumMap<>(builder.guaranteedShares);
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static BulkheadConfig ofDefaults() {
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
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxQueueSize(maxQueueSize)
                .maxWait(maxWait)
                .congestedMaxWait(congestedMaxWait)
                .congestionInterval(congestionInterval);
        builder.guaranteedShares.putAll(guaranteedShares);
        return builder;
    }

    /**
     * Returns how many calls may run at once.
     *
     * @return from 1 to {@link #MAX_CONCURRENT_CALLS}; default {@link
     *     #DEFAULT_MAX_CONCURRENT_CALLS}
     */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /**
     * Returns how many requests may wait for a slot.
     *
     * @return from 0 (no waiting) to {@link #MAX_QUEUE_SIZE}; default {@link
     *     #DEFAULT_MAX_QUEUE_SIZE}
     */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /**
     * Returns how long a request may wait while the queue is healthy.
     *
     * @return a positive duration; default {@link #DEFAULT_MAX_WAIT}
     */
    public Duration maxWait() {
        return maxWait;
    }

    /**
     * Returns how long a request may wait when it joins a congested queue.
     *
     * @return a positive duration, at most {@link #maxWait()}; default {@link
     *     #DEFAULT_CONGESTED_MAX_WAIT}
     */
    public Duration congestedMaxWait() {
        return congestedMaxWait;
    }

    /**
     * Returns how long the queue must stay non-empty to count as congested.
     *
     * @return a positive duration; default {@link #DEFAULT_CONGESTION_INTERVAL}
     */
    public Duration congestionInterval() {
        return congestionInterval;
    }

    /**
     * Returns the share of the slots reserved for {@code priority}.
     *
     * @param priority a priority
     * @return a fraction in {@code [0, 1]}; 0 unless set
     */
    public double guaranteedShare(Priority priority) {
        return guaranteedShares.getOrDefault(priority, 0.0);
    }

    /**
     * Returns how many slots are reserved for {@code priority}: {@code floor(share *
     * maxConcurrentCalls)}.
     *
     * @param priority a priority
     * @return the reserved slots
     */
    public int guaranteedCalls(Priority priority) {
        return (int) Math.floor(guaranteedShare(priority) * maxConcurrentCalls);
    }

    @Override
    public String toString() {
        return "BulkheadConfig{maxConcurrentCalls="
                + maxConcurrentCalls
                + ", maxQueueSize="
                + maxQueueSize
                + ", maxWait="
                + maxWait
                + ", congestedMaxWait="
                + congestedMaxWait
                + ", congestionInterval="
                + congestionInterval
                + ", guaranteedShares="
                + guaranteedShares
                + '}';
    }

    /**
     * Builds {@link BulkheadConfig}; every setter validates at once and names the bad value, and
     * {@link #build()} checks the settings against each other.
     */
    public static final class Builder {
        private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Duration congestedMaxWait = DEFAULT_CONGESTED_MAX_WAIT;
        private Duration congestionInterval = DEFAULT_CONGESTION_INTERVAL;
        private final Map<Priority, Double> guaranteedShares = new EnumMap<>(Priority.class);

        private Builder() {}

        /**
         * Sets how many calls may run at once. Default {@link #DEFAULT_MAX_CONCURRENT_CALLS}.
         *
         * @param calls from 1 to {@link #MAX_CONCURRENT_CALLS}
         * @return this builder
         * @throws IllegalArgumentException {@code "maxConcurrentCalls must be between 1 and 65535:
         *     0"}
         */
        public Builder maxConcurrentCalls(int calls) {
            if (calls < 1 || calls > MAX_CONCURRENT_CALLS) {
                throw new IllegalArgumentException(
                        "maxConcurrentCalls must be between 1 and " + MAX_CONCURRENT_CALLS + ": " + calls);
            }
            this.maxConcurrentCalls = calls;
            return this;
        }

        /**
         * Sets how many requests may wait for a slot. Default {@link #DEFAULT_MAX_QUEUE_SIZE}.
         *
         * @param size from 0 (no waiting) to {@link #MAX_QUEUE_SIZE}
         * @return this builder
         * @throws IllegalArgumentException {@code "maxQueueSize must be between 0 and 65535: -1"}
         */
        public Builder maxQueueSize(int size) {
            if (size < 0 || size > MAX_QUEUE_SIZE) {
                throw new IllegalArgumentException(
                        "maxQueueSize must be between 0 and " + MAX_QUEUE_SIZE + ": " + size);
            }
            this.maxQueueSize = size;
            return this;
        }

        /**
         * Sets how long a request may wait while the queue is healthy. Default {@link
         * #DEFAULT_MAX_WAIT}.
         *
         * @param wait a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "maxWait must be positive: PT0S"}
         */
        public Builder maxWait(Duration wait) {
            this.maxWait = Durations.requirePositive("maxWait", wait);
            return this;
        }

        /**
         * Sets how long a request may wait when it joins a congested queue. Default {@link
         * #DEFAULT_CONGESTED_MAX_WAIT}.
         *
         * @param wait a positive duration, at most {@link #maxWait(Duration)}
         * @return this builder
         * @throws IllegalArgumentException {@code "congestedMaxWait must be positive: PT0S"}
         */
        public Builder congestedMaxWait(Duration wait) {
            this.congestedMaxWait = Durations.requirePositive("congestedMaxWait", wait);
            return this;
        }

        /**
         * Sets how long the queue must stay non-empty to count as congested. Default {@link
         * #DEFAULT_CONGESTION_INTERVAL}.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "congestionInterval must be positive: PT0S"}
         */
        public Builder congestionInterval(Duration interval) {
            this.congestionInterval = Durations.requirePositive("congestionInterval", interval);
            return this;
        }

        /**
         * Reserves a share of the slots for {@code priority}. Default: nothing reserved.
         *
         * @param priority the priority
         * @param share a fraction from 0 to 1
         * @return this builder
         * @throws IllegalArgumentException {@code "guaranteedShare of CRITICAL must be in [0, 1]:
         *     1.5"}
         */
        public Builder guaranteedShare(Priority priority, double share) {
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("guaranteedShare of " + priority + " must be in [0, 1]: " + share);
            }
            guaranteedShares.put(priority, share);
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         * @throws IllegalArgumentException {@code "guaranteed shares must not sum to more than 1.0:
         *     1.2"} or {@code "congestedMaxWait must not exceed maxWait: PT1S > PT0.1S"}
         */
        public BulkheadConfig build() {
            double sum = guaranteedShares.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            if (sum > 1.0 + 1e-9) {
                throw new IllegalArgumentException("guaranteed shares must not sum to more than 1.0: " + sum);
            }
            if (congestedMaxWait.compareTo(maxWait) > 0) {
                throw new IllegalArgumentException(
                        "congestedMaxWait must not exceed maxWait: " + congestedMaxWait + " > " + maxWait);
            }
            return new BulkheadConfig(this);
        }
    }
}
