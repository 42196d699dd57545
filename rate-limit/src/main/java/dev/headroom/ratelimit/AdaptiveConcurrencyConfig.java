package dev.headroom.ratelimit;

/**
 * The rules of an {@link AdaptiveConcurrencyLimiter}. Immutable; built with {@link #builder(int,
 * int)}.
 */
public final class AdaptiveConcurrencyConfig {

    /** The default queue estimate below which the limit grows: {@value}. */
    public static final int DEFAULT_ALPHA = 3;

    /** The default queue estimate above which the limit shrinks: {@value}. */
    public static final int DEFAULT_BETA = 6;

    /** The default factor applied when a call is dropped: {@value}. */
    public static final double DEFAULT_DROP_FACTOR = 0.9;

    private final int min;
    private final int max;
    private final int initial;
    private final int alpha;
    private final int beta;
    private final double dropFactor;

    private AdaptiveConcurrencyConfig(Builder builder) {
        this.min = builder.min;
        this.max = builder.max;
        this.initial = builder.initial == 0 ? builder.min : builder.initial;
        this.alpha = builder.alpha;
        this.beta = builder.beta;
        this.dropFactor = builder.dropFactor;
        if (initial < min || initial > max) {
            throw new IllegalArgumentException(
                    "initial must be between min " + min + " and max " + max + ": " + initial);
        }
        if (beta <= alpha) {
            throw new IllegalArgumentException("beta must exceed alpha " + alpha + ": " + beta);
        }
    }

    /**
     * Returns a builder for a limit within {@code [min, max]}.
     *
     * @param min the lowest limit, at least 1
     * @param max the highest limit, at least {@code min}
     * @return a new builder
     * @throws IllegalArgumentException if the bounds are out of order or below 1
     */
    public static Builder builder(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("bounds must satisfy 1 <= min <= max: [" + min + ", " + max + "]");
        }
        return new Builder(min, max);
    }

    /**
     * Returns the lowest limit.
     *
     * @return at least 1
     */
    public int min() {
        return min;
    }

    /**
     * Returns the highest limit: a hard bound the limit never passes.
     *
     * @return at least {@link #min()}
     */
    public int max() {
        return max;
    }

    /**
     * Returns the limit at start.
     *
     * @return within the bounds; default {@link #min()}
     */
    public int initial() {
        return initial;
    }

    /**
     * Returns the estimated queue below which the limit grows.
     *
     * @return default {@link #DEFAULT_ALPHA}
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
    public String toString() {
        return "AdaptiveConcurrencyConfig{[" + min + ", " + max + "], initial=" + initial + ", alpha=" + alpha
                + ", beta=" + beta + ", dropFactor=" + dropFactor + '}';
    }

    /** Builds an {@link AdaptiveConcurrencyConfig}. */
    public static final class Builder {
        private final int min;
        private final int max;
        private int initial;
        private int alpha = DEFAULT_ALPHA;
        private int beta = DEFAULT_BETA;
        private double dropFactor = DEFAULT_DROP_FACTOR;

        private Builder(int min, int max) {
            this.min = min;
            this.max = max;
        }

        /**
         * Sets the limit at start. Default: the minimum.
         *
         * @param initial within the bounds
         * @return this builder
         */
        public Builder initial(int initial) {
            this.initial = initial;
            return this;
        }

        /**
         * Sets the queue thresholds. Defaults {@link #DEFAULT_ALPHA} and {@link #DEFAULT_BETA}.
         *
         * @param alpha grow below this estimated queue, at least 0
         * @param beta shrink above this estimated queue, greater than {@code alpha}
         * @return this builder
         * @throws IllegalArgumentException if {@code alpha} is negative
         */
        public Builder thresholds(int alpha, int beta) {
            if (alpha < 0) {
                throw new IllegalArgumentException("alpha must not be negative: " + alpha);
            }
            this.alpha = alpha;
            this.beta = beta;
            return this;
        }

        /**
         * Sets the factor applied on a drop. Default {@link #DEFAULT_DROP_FACTOR}.
         *
         * @param factor in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if {@code factor} is out of range
         */
        public Builder dropFactor(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("dropFactor must be in (0, 1): " + factor);
            }
            this.dropFactor = factor;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the initial limit or the thresholds are inconsistent
         */
        public AdaptiveConcurrencyConfig build() {
            return new AdaptiveConcurrencyConfig(this);
        }
    }
}
