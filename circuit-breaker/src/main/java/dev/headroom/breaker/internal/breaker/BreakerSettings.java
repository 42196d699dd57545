package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.breaker.internal.Predicates;
import dev.headroom.breaker.internal.backoff.Durations;
import dev.headroom.core.Ticker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link CircuitBreakerConfig} turned into what the hot path reads: nanoseconds and flags. */
final class BreakerSettings {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerSettings.class);

    /** How an exception is judged. */
    enum Judgement {
        SUCCESS,
        FAILURE,
        IGNORED
    }

    final CircuitBreakerConfig config;
    final long slowCallNanos;
    final long maxProbeNanos;
    final int minimumCalls;
    final int halfOpenProbes;
    final double failureRateThreshold;
    final double slowCallRateThreshold;
    private final boolean judgesResults;

    BreakerSettings(CircuitBreakerConfig config) {
        this.config = config;
        this.slowCallNanos = Durations.toNanosSaturated(config.slowCallDuration());
        this.maxProbeNanos = Durations.toNanosSaturated(config.maxProbeDuration());
        this.minimumCalls = config.minimumCalls();
        this.halfOpenProbes = config.halfOpenProbes();
        this.failureRateThreshold = config.failureRateThreshold();
        this.slowCallRateThreshold = config.slowCallRateThreshold();
        this.judgesResults = config.failureOnResult() != Predicates.noResult();
    }

    boolean isSlow(long durationNanos) {
        return durationNanos >= slowCallNanos;
    }

    /** Applies the result rule; a rule that throws is logged and the call counts as failed. */
    boolean isFailure(@Nullable Object result) {
        if (!judgesResults) {
            return false;
        }
        try {
            return config.failureOnResult().test(result);
        } catch (RuntimeException e) {
            LOG.warn("failureOnResult rule threw; counting the call as failed", e);
            return true;
        }
    }

    /** Applies the exception rules; a rule that throws is logged and the call counts as failed. */
    Judgement judge(Throwable error) {
        try {
            if (config.ignoreOn().test(error)) {
                return Judgement.IGNORED;
            }
            return config.failureOn().test(error) ? Judgement.FAILURE : Judgement.SUCCESS;
        } catch (RuntimeException e) {
            LOG.warn("ignoreOn or failureOn rule threw; counting the call as failed", e);
            return Judgement.FAILURE;
        }
    }

    long openNanos(int trip, long previousOpenNanos) {
        return Math.max(0, config.openDuration().delayNanos(trip, previousOpenNanos));
    }

    OutcomeWindow newWindow(Ticker ticker) {
        SlidingWindow window = config.slidingWindow();
        return window.kind() == SlidingWindow.Kind.COUNT_BASED
                ? new CountWindow(window.calls(), this)
                : new TimeWindow(Durations.toNanosSaturated(window.length()), this, ticker);
    }
}
