package dev.headroom.ratelimit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rules of an {@link AdaptiveConcurrencyLimiter}: the bounds its limit moves within, where it
 * starts, and the queue estimates and drop factor that move it. Immutable; {@link #ofDefaults()},
 * or {@link #builder()} and {@link #toBuilder()}.
 */
public final class AdaptiveConcurrencyConfig {

    /** The default lowest limit: {@value}. */
    public static final int DEFAULT_MIN = 1;

    /** The default highest limit, a hard bound: {@value}. */
    public static final int DEFAULT_MAX = 1000;

    /** The default limit at start, brought within the bounds if they exclude it: {@value}. */
    public static final int DEFAULT_INITIAL = 20;

    /** The default queue estimate below which the limit grows: {@value}. */
    public static final int DEFAULT_ALPHA = 3;

    /** The default queue estimate above which the limit shrinks: {@value}. */
    public static final int DEFAULT_BETA = 6;

    /** The default factor applied when a call is dropped: {@value}. */
    public static final double DEFAULT_DROP_FACTOR = 0.9;

    private static final AdaptiveConcurrencyConfig DEFAULTS = builder().build();

    private final int min;
    private final int max;
    private final int initial;
    private final int alpha;
    private final int beta;
    private final double dropFactor;

    private AdaptiveConcurrencyConfig(Builder builder, int initial) {
        this.min = builder.min;
        this.max = builder.max;
        this.initial = initial;
        this.alpha = builder.alpha;
        this.beta = builder.beta;
        this.dropFactor = builder.dropFactor;
    }

    /**
     * Returns the defaults: a limit from {@link #DEFAULT_MIN} to {@link #DEFAULT_MAX} starting at
     * {@link #DEFAULT_INITIAL}, {@link #DEFAULT_ALPHA}, {@link #DEFAULT_BETA} and {@link
     * #DEFAULT_DROP_FACTOR}.
     *
     * @return the default configuration
     */
    public static AdaptiveConcurrencyConfig ofDefaults() {
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
    public int min() {
        return min;
    }

    /**
     * Returns the highest limit: a hard bound the limit never passes.
     *
     * @return at least {@link #min()}; default {@link #DEFAULT_MAX}
     */
    public int max() {
        return max;
    }

    /**
     * Returns the limit at start.
     *
     * @return within the bounds; default {@link #DEFAULT_INITIAL}, or the bound nearest to it
     */
    public int initial() {
        return initial;
    }

    /**
     * Returns the estimated queue below which the limit grows.
     *
     * @return at least 0; default {@link #DEFAULT_ALPHA}
     */
    public int alpha() {
        return alpha;
    }

    /**
     * Returns the estimated queue above which the limit shrinks.
     *
     * @return greater than {@link #alpha()}; default {@link #DEFAULT_BETA}
     */
    public int beta() {
        return beta;
    }

    /**
     * Returns the factor applied when a call reports a drop.
     *
     * @return in {@code (0, 1)}; default {@link #DEFAULT_DROP_FACTOR}
     */
    public double dropFactor() {
        return dropFactor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AdaptiveConcurrencyConfig that
                && min == that.min
                && max == that.max
                && initial == that.initial
                && alpha == that.alpha
                && beta == that.beta
                && dropFactor == that.dropFactor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(min, max, initial, alpha, beta, dropFactor);
    }

    @Override
    public String toString() {
        return "AdaptiveConcurrencyConfig{[" + min + ", " + max + "], initial=" + initial + ", alpha=" + alpha
                + ", beta=" + beta + ", dropFactor=" + dropFactor + '}';
    }

    /** Builds an {@link AdaptiveConcurrencyConfig}; setters validate at once, {@link #build()} across settings. */
    public static final class Builder {
        private int min = DEFAULT_MIN;
        private int max = DEFAULT_MAX;
        private @Nullable Integer initial;
        private int alpha = DEFAULT_ALPHA;
        private int beta = DEFAULT_BETA;
        private double dropFactor = DEFAULT_DROP_FACTOR;

        private Builder() {}

        private Builder(AdaptiveConcurrencyConfig from) {
            this.min = from.min;
            this.max = from.max;
            this.initial = from.initial;
            this.alpha = from.alpha;
            this.beta = from.beta;
            this.dropFactor = from.dropFactor;
        }

        /**
         * Sets the lowest limit. Default {@link #DEFAULT_MIN}.
         *
         * @param min at least 1, at most {@link #max(int)}
         * @return this builder
         * @throws IllegalArgumentException if {@code min} is less than 1
         */
        public Builder min(int min) {
            if (min < 1) {
                throw new IllegalArgumentException("min must be at least 1: " + min);
            }
            this.min = min;
            return this;
        }

        /**
         * Sets the highest limit. Default {@link #DEFAULT_MAX}.
         *
         * @param max at least {@link #min(int)}
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         */
        public Builder max(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1: " + max);
            }
            this.max = max;
            return this;
        }

        /**
         * Sets the limit at start. Default {@link #DEFAULT_INITIAL}, or the bound nearest to it.
         *
         * @param initial within the bounds
         * @return this builder
         */
        public Builder initial(int initial) {
            this.initial = initial;
            return this;
        }

        /**
         * Sets the estimated queue below which the limit grows. Default {@link #DEFAULT_ALPHA}.
         *
         * @param alpha at least 0, less than {@link #beta(int)}
         * @return this builder
         * @throws IllegalArgumentException if {@code alpha} is negative
         */
        public Builder alpha(int alpha) {
            if (alpha < 0) {
                throw new IllegalArgumentException("alpha must not be negative: " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the estimated queue above which the limit shrinks. Default {@link #DEFAULT_BETA}.
         *
         * @param beta greater than {@link #alpha(int)}
         * @return this builder
         */
        public Builder beta(int beta) {
            this.beta = beta;
            return this;
        }

        /**
         * Sets the factor applied on a drop. Default {@link #DEFAULT_DROP_FACTOR}.
         *
         * @param dropFactor in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if {@code dropFactor} is out of range
         */
        public Builder dropFactor(double dropFactor) {
            if (!(dropFactor > 0 && dropFactor < 1)) {
                throw new IllegalArgumentException("dropFactor must be in (0, 1): " + dropFactor);
            }
            this.dropFactor = dropFactor;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the bounds, the initial limit or the thresholds are
         *     inconsistent
         */
        public AdaptiveConcurrencyConfig build() {
            if (max < min) {
                throw new IllegalArgumentException("max must be at least min " + min + ": " + max);
            }
            int start = initial != null ? initial : Math.max(min, Math.min(max, DEFAULT_INITIAL));
            if (start < min || start > max) {
                throw new IllegalArgumentException(
                        "initial must be between min " + min + " and max " + max + ": " + start);
            }
            if (beta <= alpha) {
                throw new IllegalArgumentException("beta must exceed alpha " + alpha + ": " + beta);
            }
            return new AdaptiveConcurrencyConfig(this, start);
        }
    }
}
