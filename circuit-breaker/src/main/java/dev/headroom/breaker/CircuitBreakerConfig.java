package dev.headroom.breaker;

import dev.headroom.breaker.internal.Predicates;
import dev.headroom.breaker.internal.backoff.Durations;
import java.time.Duration;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link CircuitBreaker} judges calls and when it trips. Immutable; build one with {@link
 * #builder()} or start from {@link #ofDefaults()}, and change a running breaker with {@link
 * CircuitBreaker#reconfigure(CircuitBreakerConfig)}.
 *
 * <p><b>When a CLOSED breaker trips.</b> After each recorded call the breaker looks at the calls
 * in its {@link #slidingWindow()}. If at least {@link #minimumCalls()} calls are in the window, it
 * opens when the failure rate is at or above {@link #failureRateThreshold()} or the slow-call rate
 * is at or above {@link #slowCallRateThreshold()}. Both thresholds are inclusive, and both rates
 * are taken over the calls in the window, not over the window's size: the window need not be full.
 *
 * <p><b>OPEN.</b> Calls are refused for {@link #openDuration()}'s delay for this trip (the n-th
 * consecutive trip without a successful recovery waits {@code openDuration().delayNanos(n, ...)},
 * so the wait may grow). Then the breaker goes HALF_OPEN.
 *
 * <p><b>HALF_OPEN.</b> Exactly {@link #halfOpenProbes()} probe calls are judged, never more at
 * once, under any concurrency. Their failure and slow-call rates over {@link #halfOpenProbes()}
 * decide: OPEN again if either reaches its threshold, CLOSED otherwise. The breaker decides as
 * soon as the remaining probes cannot change the answer. A probe that is released, cancelled or
 * ends in an ignored outcome frees its slot for another probe; a probe not reported within {@link
 * #maxProbeDuration()} is judged a failed, slow call.
 */
public final class CircuitBreakerConfig {

    /** Failure rate, in percent, at or above which the breaker opens: {@value}. */
    public static final double DEFAULT_FAILURE_RATE_THRESHOLD = 50.0;

    /** Slow-call rate, in percent, at or above which the breaker opens: {@value}. */
    public static final double DEFAULT_SLOW_CALL_RATE_THRESHOLD = 100.0;

    /** How long a call must take to count as slow: {@code 10 s}. */
    public static final Duration DEFAULT_SLOW_CALL_DURATION = Duration.ofSeconds(10);

    /** Which calls are judged: the last 100. */
    public static final SlidingWindow DEFAULT_SLIDING_WINDOW = SlidingWindow.lastCalls(100);

    /** How many calls the window must hold before the breaker may trip: {@value}. */
    public static final int DEFAULT_MINIMUM_CALLS = 20;

    /** How long the breaker stays open on every trip: {@code 10 s}, not growing. */
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(10);

    /** How many probe calls judge a half-open breaker: {@value}. */
    public static final int DEFAULT_HALF_OPEN_PROBES = 10;

    /** The largest number of half-open probes: {@value}. */
    public static final int MAX_HALF_OPEN_PROBES = 1000;

    /** How long a probe may go unreported before it is judged a failed, slow call: {@code 30 s}. */
    public static final Duration DEFAULT_MAX_PROBE_DURATION = Duration.ofSeconds(30);

    private static final CircuitBreakerConfig DEFAULTS = new Builder().build();

    /**
     * The one breaker configuration every Headroom component puts in front of Redis unless told
     * otherwise (rate limiters, abuse guards, the cache's Redis tier, the durable job queue). Over the
     * last 50 commands, judged from the 10th, it opens when half failed or 80% took 100 ms or more
     * (a healthy Redis answers in well under a millisecond, and a limiter's decision or a cache read
     * must not wait on a sick one); it stays open 250 ms after the first trip, doubling per
     * consecutive trip up to 5 s, so callers resume within a second of a short blip and stop
     * hammering a Redis that stays down; then 5 probe commands decide, each judged a failure if
     * unanswered within 1 s. While it is open, Redis calls are skipped at no cost and answered by
     * each component's documented fallback.
     */
    public static final CircuitBreakerConfig DEFAULT_REDIS_BREAKER = new Builder()
            .slidingWindow(SlidingWindow.lastCalls(50))
            .minimumCalls(10)
            .failureRateThreshold(50)
            .slowCallDuration(Duration.ofMillis(100))
            .slowCallRateThreshold(80)
            .openDuration(Backoff.exponential(Duration.ofMillis(250), 2.0, Duration.ofSeconds(5)))
            .halfOpenProbes(5)
            .maxProbeDuration(Duration.ofSeconds(1))
            .build();

    private final double failureRateThreshold;
    private final double slowCallRateThreshold;
    private final Duration slowCallDuration;
    private final SlidingWindow slidingWindow;
    private final int minimumCalls;
    private final Backoff openDuration;
    private final int halfOpenProbes;
    private final Duration maxProbeDuration;
    private final Predicate<? super Throwable> failureOn;
    private final Predicate<? super Throwable> ignoreOn;
    private final Predicate<? super @Nullable Object> failureOnResult;

    private CircuitBreakerConfig(Builder builder) {
        this.failureRateThreshold = builder.failureRateThreshold;
        this.slowCallRateThreshold = builder.slowCallRateThreshold;
        this.slowCallDuration = builder.slowCallDuration;
        this.slidingWindow = builder.slidingWindow;
        this.minimumCalls = builder.minimumCalls;
        this.openDuration = builder.openDuration;
        this.halfOpenProbes = builder.halfOpenProbes;
        this.maxProbeDuration = builder.maxProbeDuration;
        this.failureOn = builder.failureOn;
        this.ignoreOn = builder.ignoreOn;
        this.failureOnResult = builder.failureOnResult;
    }

    /**
     * Returns the configuration with every default.
     *
     * @return the default configuration
     */
    public static CircuitBreakerConfig ofDefaults() {
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
        Builder builder = new Builder();
        builder.failureRateThreshold = failureRateThreshold;
        builder.slowCallRateThreshold = slowCallRateThreshold;
        builder.slowCallDuration = slowCallDuration;
        builder.slidingWindow = slidingWindow;
        builder.minimumCalls = minimumCalls;
        builder.openDuration = openDuration;
        builder.halfOpenProbes = halfOpenProbes;
        builder.maxProbeDuration = maxProbeDuration;
        builder.failureOn = failureOn;
        builder.ignoreOn = ignoreOn;
        builder.failureOnResult = failureOnResult;
        return builder;
    }

    /**
     * Returns the failure rate, in percent, at or above which the breaker opens.
     *
     * @return a value in {@code (0, 100]}; default {@link #DEFAULT_FAILURE_RATE_THRESHOLD}
     */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /**
     * Returns the slow-call rate, in percent, at or above which the breaker opens.
     *
     * @return a value in {@code (0, 100]}; default {@link #DEFAULT_SLOW_CALL_RATE_THRESHOLD}
     */
    public double slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /**
     * Returns how long a call must take to count as slow; a call that takes exactly this long is
     * slow.
     *
     * @return a positive duration; default {@link #DEFAULT_SLOW_CALL_DURATION}
     */
    public Duration slowCallDuration() {
        return slowCallDuration;
    }

    /**
     * Returns which recent calls a closed breaker judges.
     *
     * @return the window; default {@link #DEFAULT_SLIDING_WINDOW}
     */
    public SlidingWindow slidingWindow() {
        return slidingWindow;
    }

    /**
     * Returns how many calls the window must hold before the breaker may trip.
     *
     * @return at least 1; default {@link #DEFAULT_MINIMUM_CALLS}
     */
    public int minimumCalls() {
        return minimumCalls;
    }

    /**
     * Returns how long the breaker stays open: the n-th consecutive trip waits {@code
     * delayNanos(n, previous)}.
     *
     * @return the open-duration backoff; default {@link Backoff#fixed(Duration) fixed} at {@link
     *     #DEFAULT_OPEN_DURATION}
     */
    public Backoff openDuration() {
        return openDuration;
    }

    /**
     * Returns how many probe calls judge a half-open breaker.
     *
     * @return from 1 to {@link #MAX_HALF_OPEN_PROBES}; default {@link #DEFAULT_HALF_OPEN_PROBES}
     */
    public int halfOpenProbes() {
        return halfOpenProbes;
    }

    /**
     * Returns how long a probe may go unreported before it is judged a failed, slow call.
     *
     * @return a positive duration; default {@link #DEFAULT_MAX_PROBE_DURATION}
     */
    public Duration maxProbeDuration() {
        return maxProbeDuration;
    }

    /**
     * Returns which exceptions count as failures; an exception that matches neither this nor
     * {@link #ignoreOn()} counts as a success.
     *
     * @return the rule; by default every throwable
     */
    public Predicate<? super Throwable> failureOn() {
        return failureOn;
    }

    /**
     * Returns which exceptions are ignored: neither success nor failure, and a half-open probe
     * ended by one frees its slot. Takes precedence over {@link #failureOn()}.
     *
     * @return the rule; by default {@link java.util.concurrent.CancellationException} and {@link
     *     InterruptedException} (the call was abandoned) and {@link CallRejectedException} (a guard
     *     inside the breaker, such as a full bulkhead, refused the call): none says anything about
     *     the dependency
     */
    public Predicate<? super Throwable> ignoreOn() {
        return ignoreOn;
    }

    /**
     * Returns which results count as failures, for calls that report failure by value (an HTTP
     * 503, an error code).
     *
     * @return the rule; by default no result
     */
    public Predicate<? super @Nullable Object> failureOnResult() {
        return failureOnResult;
    }

    @Override
    public String toString() {
        return "CircuitBreakerConfig{failureRateThreshold="
                + failureRateThreshold
                + ", slowCallRateThreshold="
                + slowCallRateThreshold
                + ", slowCallDuration="
                + slowCallDuration
                + ", slidingWindow="
                + slidingWindow
                + ", minimumCalls="
                + minimumCalls
                + ", openDuration="
                + openDuration
                + ", halfOpenProbes="
                + halfOpenProbes
                + ", maxProbeDuration="
                + maxProbeDuration
                + '}';
    }

    /**
     * Builds {@link CircuitBreakerConfig}; every setter validates at once and names the bad value,
     * and {@link #build()} checks the settings against each other.
     */
    public static final class Builder {
        private double failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private double slowCallRateThreshold = DEFAULT_SLOW_CALL_RATE_THRESHOLD;
        private Duration slowCallDuration = DEFAULT_SLOW_CALL_DURATION;
        private SlidingWindow slidingWindow = DEFAULT_SLIDING_WINDOW;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private Backoff openDuration = Backoff.fixed(DEFAULT_OPEN_DURATION);
        private int halfOpenProbes = DEFAULT_HALF_OPEN_PROBES;
        private Duration maxProbeDuration = DEFAULT_MAX_PROBE_DURATION;
        private Predicate<? super Throwable> failureOn = Predicates.anyThrowable();
        private Predicate<? super Throwable> ignoreOn = Predicates.notAboutTheDependency();
        private Predicate<? super @Nullable Object> failureOnResult = Predicates.noResult();

        private Builder() {}

        /**
         * Sets the failure rate at or above which the breaker opens. Default {@link
         * #DEFAULT_FAILURE_RATE_THRESHOLD}.
         *
         * @param percent greater than 0, at most 100
         * @return this builder
         * @throws IllegalArgumentException {@code "failureRateThreshold must be in (0, 100]: 0.0"}
         */
        public Builder failureRateThreshold(double percent) {
            this.failureRateThreshold = requirePercent("failureRateThreshold", percent);
            return this;
        }

        /**
         * Sets the slow-call rate at or above which the breaker opens. Default {@link
         * #DEFAULT_SLOW_CALL_RATE_THRESHOLD}.
         *
         * @param percent greater than 0, at most 100
         * @return this builder
         * @throws IllegalArgumentException {@code "slowCallRateThreshold must be in (0, 100]: 0.0"}
         */
        public Builder slowCallRateThreshold(double percent) {
            this.slowCallRateThreshold = requirePercent("slowCallRateThreshold", percent);
            return this;
        }

        /**
         * Sets how long a call must take to count as slow. Default {@link
         * #DEFAULT_SLOW_CALL_DURATION}.
         *
         * @param duration a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "slowCallDuration must be positive: PT0S"}
         */
        public Builder slowCallDuration(Duration duration) {
            this.slowCallDuration = Durations.requirePositive("slowCallDuration", duration);
            return this;
        }

        /**
         * Sets which recent calls a closed breaker judges. Default {@link #DEFAULT_SLIDING_WINDOW}.
         *
         * @param window a count-based or time-based window
         * @return this builder
         */
        public Builder slidingWindow(SlidingWindow window) {
            this.slidingWindow = window;
            return this;
        }

        /**
         * Sets how many calls the window must hold before the breaker may trip. Default {@link
         * #DEFAULT_MINIMUM_CALLS}. For a count-based window it may not exceed the window's size;
         * {@link #build()} checks.
         *
         * @param calls at least 1
         * @return this builder
         * @throws IllegalArgumentException {@code "minimumCalls must be at least 1: 0"}
         */
        public Builder minimumCalls(int calls) {
            if (calls < 1) {
                throw new IllegalArgumentException("minimumCalls must be at least 1: " + calls);
            }
            this.minimumCalls = calls;
            return this;
        }

        /**
         * Sets a fixed open duration. Default {@link #DEFAULT_OPEN_DURATION}.
         *
         * @param duration a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "openDuration must be positive: PT0S"}
         */
        public Builder openDuration(Duration duration) {
            this.openDuration = Backoff.fixed(Durations.requirePositive("openDuration", duration));
            return this;
        }

        /**
         * Sets an open duration that may grow on repeated trips: the n-th consecutive trip without
         * a successful recovery stays open for {@code backoff.delayNanos(n, previous)}. For
         * example {@code Backoff.exponential(Duration.ofSeconds(5), Duration.ofMinutes(5))}.
         *
         * @param backoff the open duration per trip
         * @return this builder
         */
        public Builder openDuration(Backoff backoff) {
            this.openDuration = backoff;
            return this;
        }

        /**
         * Sets how many probes judge a half-open breaker. Default {@link
         * #DEFAULT_HALF_OPEN_PROBES}.
         *
         * @param probes from 1 to {@link #MAX_HALF_OPEN_PROBES}
         * @return this builder
         * @throws IllegalArgumentException {@code "halfOpenProbes must be between 1 and 1000: 0"}
         */
        public Builder halfOpenProbes(int probes) {
            if (probes < 1 || probes > MAX_HALF_OPEN_PROBES) {
                throw new IllegalArgumentException(
                        "halfOpenProbes must be between 1 and " + MAX_HALF_OPEN_PROBES + ": " + probes);
            }
            this.halfOpenProbes = probes;
            return this;
        }

        /**
         * Sets how long a probe may go unreported before it is judged a failed, slow call.
         * Default {@link #DEFAULT_MAX_PROBE_DURATION}.
         *
         * @param duration a positive duration
         * @return this builder
         * @throws IllegalArgumentException {@code "maxProbeDuration must be positive: PT0S"}
         */
        public Builder maxProbeDuration(Duration duration) {
            this.maxProbeDuration = Durations.requirePositive("maxProbeDuration", duration);
            return this;
        }

        /**
         * Sets which exceptions count as failures. Default: every throwable.
         *
         * @param rule matches the exceptions that count as failures
         * @return this builder
         */
        public Builder failureOn(Predicate<? super Throwable> rule) {
            this.failureOn = rule;
            return this;
        }

        /**
         * Sets which exceptions are ignored. Default: {@link
         * java.util.concurrent.CancellationException}, {@link InterruptedException} and {@link
         * CallRejectedException}. Replacing the rule drops the default; include them in {@code
         * rule} to keep them.
         *
         * @param rule matches the exceptions that are neither success nor failure
         * @return this builder
         */
        public Builder ignoreOn(Predicate<? super Throwable> rule) {
            this.ignoreOn = rule;
            return this;
        }

        /**
         * Sets which results count as failures. Default: none.
         *
         * @param rule matches the results that count as failures
         * @return this builder
         */
        public Builder failureOnResult(Predicate<? super @Nullable Object> rule) {
            this.failureOnResult = rule;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return an immutable configuration
         * @throws IllegalArgumentException if {@link #minimumCalls(int)} exceeds a count-based
         *     window: {@code "minimumCalls must not exceed the sliding window's 100 calls: 200"}
         */
        public CircuitBreakerConfig build() {
            if (slidingWindow.kind() == SlidingWindow.Kind.COUNT_BASED && minimumCalls > slidingWindow.calls()) {
                throw new IllegalArgumentException("minimumCalls must not exceed the sliding window's "
                        + slidingWindow.calls()
                        + " calls: "
                        + minimumCalls);
            }
            return new CircuitBreakerConfig(this);
        }

        private static double requirePercent(String name, double percent) {
            if (!(percent > 0.0 && percent <= 100.0)) {
                throw new IllegalArgumentException(name + " must be in (0, 100]: " + percent);
            }
            return percent;
        }
    }
}
