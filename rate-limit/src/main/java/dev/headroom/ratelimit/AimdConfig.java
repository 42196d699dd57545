package dev.headroom.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The rules of an {@link AimdLimiter}: additive increase, multiplicative decrease, within {@code
 * [min, max]}, at most once per interval. Unless set, the highest limit is the quota of the wrapped
 * limiter's first limit, and the limit starts there: the limiter backs off from the policy under
 * overload and recovers to it. Immutable; {@link #ofDefaults()}, or {@link #builder()} and {@link
 * #toBuilder()}.
 */
public final class AimdConfig {

    /** The default lowest limit: {@value}. */
    public static final long DEFAULT_MIN = 1;

    /** The default step added per healthy interval: {@value}. */
    public static final long DEFAULT_INCREASE = 1;

    /** The default factor applied per overloaded interval: {@value}. */
    public static final double DEFAULT_DECREASE_FACTOR = 0.9;

    /** The default interval between adjustments: one second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final AimdConfig DEFAULTS = builder().build();

    private final long min;
    private final @Nullable Long max;
    private final @Nullable Long initial;
    private final long increase;
    private final double decreaseFactor;
    private final Duration interval;

    private AimdConfig(Builder builder) {
        this.min = builder.min;
        this.max = builder.max;
        this.initial = builder.initial;
        this.increase = builder.increase;
        this.decreaseFactor = builder.decreaseFactor;
        this.interval = builder.interval;
    }

    /**
     * Returns the defaults: from {@link #DEFAULT_MIN} up to the wrapped policy's quota, starting
     * there, {@link #DEFAULT_INCREASE}, {@link #DEFAULT_DECREASE_FACTOR} and {@link
     * #DEFAULT_INTERVAL}.
     *
     * @return the default configuration
     */
    public static AimdConfig ofDefaults() {
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
     * Returns the lowest limit.
     *
     * @return at least 1; default {@link #DEFAULT_MIN}
     */
    public long min() {
        return min;
    }

    /**
     * Returns the highest limit.
     *
     * @return at least {@link #min()}; empty by default: the wrapped limiter's first quota
     */
    public OptionalLong max() {
        return max == null ? OptionalLong.empty() : OptionalLong.of(max);
    }

    /**
     * Returns the limit at start.
     *
     * @return within the bounds; empty by default: the highest limit
     */
    public OptionalLong initial() {
        return initial == null ? OptionalLong.empty() : OptionalLong.of(initial);
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
    public boolean equals(Object other) {
        return other instanceof AimdConfig that
                && min == that.min
                && Objects.equals(max, that.max)
                && Objects.equals(initial, that.initial)
                && increase == that.increase
                && decreaseFactor == that.decreaseFactor
                && interval.equals(that.interval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(min, max, initial, increase, decreaseFactor, interval);
    }

    @Override
    public String toString() {
        return "AimdConfig{[" + min + ", " + (max == null ? "quota" : max) + "], initial="
                + (initial == null ? "max" : initial) + ", +" + increase + ", x" + decreaseFactor + ", every "
                + interval + '}';
    }

    /** Builds an {@link AimdConfig}; setters validate at once, {@link #build()} across settings. */
    public static final class Builder {
        private long min = DEFAULT_MIN;
        private @Nullable Long max;
        private @Nullable Long initial;
        private long increase = DEFAULT_INCREASE;
        private double decreaseFactor = DEFAULT_DECREASE_FACTOR;
        private Duration interval = DEFAULT_INTERVAL;

        private Builder() {}

        private Builder(AimdConfig from) {
            this.min = from.min;
            this.max = from.max;
            this.initial = from.initial;
            this.increase = from.increase;
            this.decreaseFactor = from.decreaseFactor;
            this.interval = from.interval;
        }

        /**
         * Sets the lowest limit. Default {@link #DEFAULT_MIN}.
         *
         * @param min from 1 to {@link Limit#MAX_QUOTA}
         * @return this builder
         * @throws IllegalArgumentException if {@code min} is out of range
         */
        public Builder min(long min) {
            this.min = requireQuota("min", min);
            return this;
        }

        /**
         * Sets the highest limit. Default: the wrapped limiter's first quota.
         *
         * @param max from {@link #min(long)} to {@link Limit#MAX_QUOTA}
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is out of range
         */
        public Builder max(long max) {
            this.max = requireQuota("max", max);
            return this;
        }

        /**
         * Sets the limit at start. Default: the highest limit.
         *
         * @param initial within the bounds
         * @return this builder
         * @throws IllegalArgumentException if {@code initial} is out of range
         */
        public Builder initial(long initial) {
            this.initial = requireQuota("initial", initial);
            return this;
        }

        /**
         * Sets the step added after a healthy interval. Default {@link #DEFAULT_INCREASE}.
         *
         * @param increase at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code increase} is less than 1
         */
        public Builder increase(long increase) {
            if (increase < 1) {
                throw new IllegalArgumentException("increase must be at least 1: " + increase);
            }
            this.increase = increase;
            return this;
        }

        /**
         * Sets the factor applied after an overloaded interval. Default {@link
         * #DEFAULT_DECREASE_FACTOR}.
         *
         * @param decreaseFactor in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if {@code decreaseFactor} is out of range
         */
        public Builder decreaseFactor(double decreaseFactor) {
            if (!(decreaseFactor > 0 && decreaseFactor < 1)) {
                throw new IllegalArgumentException("decreaseFactor must be in (0, 1): " + decreaseFactor);
            }
            this.decreaseFactor = decreaseFactor;
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
         * @throws IllegalArgumentException if the bounds or the initial limit are inconsistent
         */
        public AimdConfig build() {
            long top = max != null ? max : Limit.MAX_QUOTA;
            if (top < min) {
                throw new IllegalArgumentException("max must be at least min " + min + ": " + top);
            }
            if (initial != null && (initial < min || initial > top)) {
                throw new IllegalArgumentException(
                        "initial must be between min " + min + " and max " + top + ": " + initial);
            }
            return new AimdConfig(this);
        }

        private static long requireQuota(String what, long value) {
            if (value < 1 || value > Limit.MAX_QUOTA) {
                throw new IllegalArgumentException(what + " must be from 1 to " + Limit.MAX_QUOTA + ": " + value);
            }
            return value;
        }
    }
}
