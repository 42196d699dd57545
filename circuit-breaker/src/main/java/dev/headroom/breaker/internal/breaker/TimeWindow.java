package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.SlidingWindow;
import dev.headroom.breaker.StateTransition.Reason;
import dev.headroom.breaker.internal.RollingCounters;
import dev.headroom.core.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * The calls of the last period of time, in {@link SlidingWindow#TIME_BUCKETS} buckets. Calls age
 * out without being replaced, so the window is judged on every record, successes included: a
 * success can be the call that reaches the minimum.
 */
final class TimeWindow implements OutcomeWindow {

    private static final int CALLS = 0;
    private static final int FAILURES = 1;
    private static final int SLOW_CALLS = 2;

    private final BreakerSettings settings;
    private final Ticker ticker;
    private final RollingCounters counters;

    TimeWindow(long lengthNanos, BreakerSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        this.counters = new RollingCounters(3, SlidingWindow.TIME_BUCKETS, lengthNanos);
    }

    @Override
    public @Nullable Reason record(int outcome) {
        long now = ticker.nanoTime();
        counters.add(CALLS, 1, now);
        if (Outcome.isFailure(outcome)) {
            counters.add(FAILURES, 1, now);
        }
        if (Outcome.isSlow(outcome)) {
            counters.add(SLOW_CALLS, 1, now);
        }
        return Verdict.ofWindow(
                settings, counters.sum(CALLS, now), counters.sum(FAILURES, now), counters.sum(SLOW_CALLS, now));
    }

    @Override
    public long calls() {
        return counters.sum(CALLS, ticker.nanoTime());
    }

    @Override
    public long failures() {
        return counters.sum(FAILURES, ticker.nanoTime());
    }

    @Override
    public long slowCalls() {
        return counters.sum(SLOW_CALLS, ticker.nanoTime());
    }
}
