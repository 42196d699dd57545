package dev.headroom.breaker;

import dev.headroom.breaker.internal.Predicates;
import java.time.Duration;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Retry} retries: how many attempts, how long it waits between them, which failures
 * and results are worth another attempt, and the {@link RetryBudget} that keeps retries from
 * multiplying an outage. Immutable; build one with {@link #builder()} or start from {@link
 * #ofDefaults()}.
 */
public final class RetryConfig {

    /** Attempts per call, the first included: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** Waits between attempts: exponential from 100 ms up to 5 s, with full jitter. */
    public static final Backoff DEFAULT_BACKOFF =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5)).withFullJitter();

    /** Retries allowed: 20 % of calls plus 10 per second, counted over 10 s. */
    public static final RetryBudget DEFAULT_BUDGET = RetryBudget.of(0.2, 10, Duration.ofSeconds(10));

    private static final RetryConfig DEFAULTS = new Builder().build();

    private final int maxAttempts;
    private final Backoff backoff;
    private final Predicate<? super Throwable> retryOn;
    private final Predicate<? super @Nullable Object> retryOnResult;
    private final RetryBudget budget;

    private RetryConfig(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.retryOn = builder.retryOn;
        this.retryOnResult = builder.retryOnResult;
        this.budget = builder.budget;
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static RetryConfig ofDefaults() {
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
        return new Builder()
                .maxAttempts(maxAttempts)
                .backoff(backoff)
                .retryOn(retryOn)
                .retryOnResult(retryOnResult)
                .budget(budget);
    }

    /**
     * Returns how many attempts a call gets, the first included.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns how long to wait before each retry.
     *
     * @return the backoff; default {@link #DEFAULT_BACKOFF}
     */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Returns which failures are retried.
     *
     * @return the rule; by default every {@link Exception} except {@link CallRejectedException}
     *     (a local refusal: retrying would only hammer it), {@link
     *     java.util.concurrent.CancellationException} and {@link InterruptedException}; no {@link
     *     Error}
     */
    public Predicate<? super Throwable> retryOn() {
        return retryOn;
    }

    /**
     * Returns which results are retried, for calls that report failure by value. When the
     * attempts or the budget run out, the last result is returned as it is.
     *
     * @return the rule; by default no result
     */
    public Predicate<? super @Nullable Object> retryOnResult() {
        return retryOnResult;
    }

    /**
     * Returns how many retries the retry may make.
     *
     * @return the budget; default {@link #DEFAULT_BUDGET}
     */
    public RetryBudget budget() {
        return budget;
    }

    @Override
    public String toString() {
        return "RetryConfig{maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", budget=" + budget + '}';
    }

    /** Builds {@link RetryConfig}; every setter validates at once and names the bad value. */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Backoff backoff = DEFAULT_BACKOFF;
        private Predicate<? super Throwable> retryOn = Predicates.retryable();
        private Predicate<? super @Nullable Object> retryOnResult = Predicates.noResult();
        private RetryBudget budget = DEFAULT_BUDGET;

        private Builder() {}

        /**
         * Sets how many attempts a call gets, the first included. Default {@link
         * #DEFAULT_MAX_ATTEMPTS}.
         *
         * @param attempts at least 1; 1 means no retry
         * @return this builder
         * @throws IllegalArgumentException {@code "maxAttempts must be at least 1: 0"}
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets how long to wait before each retry. Default {@link #DEFAULT_BACKOFF}.
         *
         * @param backoff the backoff
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /**
         * Sets which failures are retried; see {@link RetryConfig#retryOn()} for the default.
         *
         * @param rule matches the failures worth another attempt
         * @return this builder
         */
        public Builder retryOn(Predicate<? super Throwable> rule) {
            this.retryOn = rule;
            return this;
        }

        /**
         * Sets which results are retried. Default: none.
         *
         * @param rule matches the results worth another attempt
         * @return this builder
         */
        public Builder retryOnResult(Predicate<? super @Nullable Object> rule) {
            this.retryOnResult = rule;
            return this;
        }

        /**
         * Sets how many retries the retry may make. Default {@link #DEFAULT_BUDGET}.
         *
         * @param budget a budget, or {@link RetryBudget#unlimited()}
         * @return this builder
         */
        public Builder budget(RetryBudget budget) {
            this.budget = budget;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         */
        public RetryConfig build() {
            return new RetryConfig(this);
        }
    }
}
