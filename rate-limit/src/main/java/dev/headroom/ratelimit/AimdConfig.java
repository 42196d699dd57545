package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * The rules of an {@link AimdLimiter}: additive increase, multiplicative decrease, within {@code
 * [min, max]}, at most once per interval. Immutable; built with {@link #builder(long, long)}.
 */
public final class AimdConfig {

    /** The default step added per healthy interval: {@value}. */
    public static final long DEFAULT_INCREASE = 1;

    /** The default factor applied per overloaded interval: {@value}. */
    public static final double DEFAULT_DECREASE_FACTOR = 0.9;

    /** The default interval between adjustments: one second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final long min;
    private final long max;
    private final long initial;
    private final long increase;
    private final double decreaseFactor;
    private final Duration interval;

    private AimdConfig(Builder builder) {
        this.min = builder.min;
        this.max = builder.max;
        this.initial = builder.initial == null ? builder.max : builder.initial;
        this.increase = builder.increase;
        this.decreaseFactor = builder.decreaseFactor;
        this.interval = builder.interval;
        if (initial < min || initial > max) {
            throw new IllegalArgumentException(
                    "initial must be between min " + min + " and max " + max + ": " + initial);
        }
    }

    /**
     * Returns a builder for a limit that moves within {@code [min, max]}.
     *
     * @param min the lowest limit, at least 1
     * @param max the highest limit, at least {@code min}
     * @return a new builder
     * @throws IllegalArgumentException if the bounds are out of order or below 1
     */
    public static Builder builder(long min, long max) {
        if (min < 1 || max < min || max > Limit.MAX_QUOTA) {
            throw new IllegalArgumentException(
                    "bounds must satisfy 1 <= min <= max <= " + Limit.MAX_QUOTA + ": [" + min + ", " + max + "]");
        }
        return new Builder(min, max);
    }

    /**
     * Returns the lowest limit.
     *
     * @return at least 1
     */
    public long min() {
        return min;
    }

    /**
     * Returns the highest limit.
     *
     * @return at least {@link #min()}
     */
    public long max() {
        return max;
    }

    /**
     * Returns the limit at start.
     *
     * @return within the bounds; default {@link #max()}
     */
    public long initial() {
        return initial;
    }

    /**
     * Returns the step added after a healthy interval.
     *
     * @return at least 1; default {@link #DEFAULT_INCREASE}
     */
    public long increase() {
        return increase;
    }

    /**
     * Returns the factor applied after an overloaded interval.
     *
     * @return in {@code (0, 1)}; default {@link #DEFAULT_DECREASE_FACTOR}
     */
    public double decreaseFactor() {
        return decreaseFactor;
    }

    /**
     * Returns the shortest time between two adjustments.
     *
     * @return a positive duration; default {@link #DEFAULT_INTERVAL}
     */
    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return "AimdConfig{[" + min + ", " + max + "], initial=" + initial + ", +" + increase + ", x" + decreaseFactor
                + ", every " + interval + '}';
    }

    /** Builds an {@link AimdConfig}; setters validate at once. */
    public static final class Builder {
        private final long min;
        private final long max;
        private @org.jspecify.annotations.Nullable Long initial;
        private long increase = DEFAULT_INCREASE;
        private double decreaseFactor = DEFAULT_DECREASE_FACTOR;
        private Duration interval = DEFAULT_INTERVAL;

        private Builder(long min, long max) {
            this.min = min;
            this.max = max;
        }

        /**
         * Sets the limit at start. Default: the maximum.
         *
         * @param initial within the bounds
         * @return this builder
         */
        public Builder initial(long initial) {
            this.initial = initial;
            return this;
        }

        /**
         * Sets the step added after a healthy interval. Default {@link #DEFAULT_INCREASE}.
         *
         * @param step at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code step} is less than 1
         */
        public Builder increase(long step) {
            if (step < 1) {
                throw new IllegalArgumentException("increase must be at least 1: " + step);
            }
            this.increase = step;
            return this;
        }

        /**
         * Sets the factor applied after an overloaded interval. Default {@link
         * #DEFAULT_DECREASE_FACTOR}.
         *
         * @param factor in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if {@code factor} is out of range
         */
        public Builder decreaseFactor(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("decreaseFactor must be in (0, 1): " + factor);
            }
            this.decreaseFactor = factor;
            return this;
        }

        /**
         * Sets the shortest time between two adjustments. Default {@link #DEFAULT_INTERVAL}.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is zero or negative
         */
        public Builder interval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the initial limit is outside the bounds
         */
        public AimdConfig build() {
            return new AimdConfig(this);
        }
    }
}
