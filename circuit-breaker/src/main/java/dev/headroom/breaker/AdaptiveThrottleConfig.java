package dev.headroom.breaker;

import dev.headroom.breaker.internal.Predicates;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How an {@link AdaptiveThrottle} judges an overloaded dependency. Immutable; build one with
 * {@link #builder()} or start from {@link #ofDefaults()}.
 *
 * <p>Over the last {@link #window()}, with {@code requests} the calls the application attempted
 * (those the throttle refused included) and {@code accepts} the calls the dependency accepted, a
 * new call is refused locally with probability {@code max(0, (requests - K * accepts) / (requests
 * + 1))}, where K is {@link #acceptsMultiplier()} ("Handling Overload", Site Reliability
 * Engineering, Google, 2016). While the dependency accepts at least one call in K, nothing is
 * refused; as it refuses more, the client sends proportionally less, yet never stops probing
 * entirely.
 */
public final class AdaptiveThrottleConfig {

    /** K: requests allowed per accepted request before throttling starts: {@value}. */
    public static final double DEFAULT_ACCEPTS_MULTIPLIER = 2.0;

    /** How far back requests and accepts are counted: two minutes, as in the SRE book. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

    private static final AdaptiveThrottleConfig DEFAULTS = new Builder().build();

    private final double acceptsMultiplier;
    private final Duration window;
    private final Predicate<? super Throwable> rejectedOn;

    private AdaptiveThrottleConfig(Builder builder) {
        this.acceptsMultiplier = builder.acceptsMultiplier;
        this.window = builder.window;
        this.rejectedOn = builder.rejectedOn;
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static AdaptiveThrottleConfig ofDefaults() {
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
        return new Builder().acceptsMultiplier(acceptsMultiplier).window(window).rejectedOn(rejectedOn);
    }

    /**
     * Returns K: how many requests per accepted request are sent before throttling starts. Lower
     * is more aggressive.
     *
     * @return at least 1; default {@link #DEFAULT_ACCEPTS_MULTIPLIER}
     */
    public double acceptsMultiplier() {
        return acceptsMultiplier;
    }

    /**
     * Returns how far back requests and accepts are counted.
     *
     * @return at least 10 ms; default {@link #DEFAULT_WINDOW}
     */
    public Duration window() {
        return window;
    }

    /**
     * Returns which failures of a call mean the dependency rejected it, for the wrappers: a call
     * that ends in such a failure is not counted as accepted.
     *
     * @return the rule; by default every throwable (a dependency that answers with an error is
     *     treated as not having accepted the call)
     */
    public Predicate<? super Throwable> rejectedOn() {
        return rejectedOn;
    }

    @Override
    public String toString() {
        return "AdaptiveThrottleConfig{acceptsMultiplier=" + acceptsMultiplier + ", window=" + window + '}';
    }

    /** Builds {@link AdaptiveThrottleConfig}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private double acceptsMultiplier = DEFAULT_ACCEPTS_MULTIPLIER;
        private Duration window = DEFAULT_WINDOW;
        private Predicate<? super Throwable> rejectedOn = Predicates.anyThrowable();

        private Builder() {}

        /**
         * Sets K. Default {@link #DEFAULT_ACCEPTS_MULTIPLIER}.
         *
         * @param k at least 1 and finite
         * @return this builder
         * @throws IllegalArgumentException {@code "acceptsMultiplier must be at least 1.0 and
         *     finite: 0.5"}
         */
        public Builder acceptsMultiplier(double k) {
            if (!(k >= 1.0) || Double.isInfinite(k)) {
                throw new IllegalArgumentException("acceptsMultiplier must be at least 1.0 and finite: " + k);
            }
            this.acceptsMultiplier = k;
            return this;
        }

        /**
         * Sets how far back requests and accepts are counted. Default {@link #DEFAULT_WINDOW}.
         *
         * @param window at least {@link SlidingWindow#MIN_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException {@code "window must be at least PT0.01S: PT0S"}
         */
        public Builder window(Duration window) {
            if (window.compareTo(SlidingWindow.MIN_LENGTH) < 0) {
                throw new IllegalArgumentException(
                        "window must be at least " + SlidingWindow.MIN_LENGTH + ": " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * Sets which failures mean the dependency rejected the call. Default: every throwable.
         *
         * @param rule matches failures that are not accepts
         * @return this builder
         */
        public Builder rejectedOn(Predicate<? super Throwable> rule) {
            this.rejectedOn = rule;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public AdaptiveThrottleConfig build() {
            return new AdaptiveThrottleConfig(this);
        }
    }
}
