package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimiterStats;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link RateLimiterStats}: one adder per source and outcome. */
public final class DecisionCounters implements RateLimiterStats {

    private final LongAdder[] decisions = new LongAdder[Decision.Source.values().length * 2];
    private final LongAdder localAllowed;
    private final LongAdder localDenied;
    private final LongAdder redisFailures = new LongAdder();
    private final LongAdder keysRejected = new LongAdder();

    /** Creates zeroed counters. */
    public DecisionCounters() {
        for (int i = 0; i < decisions.length; i++) {
            decisions[i] = new LongAdder();
        }
        localAllowed = decisions[index(Decision.Source.LOCAL, true)];
        localDenied = decisions[index(Decision.Source.LOCAL, false)];
    }

    /**
     * Counts a decision and returns it.
     *
     * @param decision the decision
     * @return {@code decision}
     */
    public Decision count(Decision decision) {
        decisions[index(decision.source(), decision.isAllowed())].increment();
        return decision;
    }

    /** Counts an allowed {@link Decision.Source#LOCAL} decision: {@link #count} without reading one. */
    public void allowedLocally() {
        localAllowed.increment();
    }

    /** Counts a denied {@link Decision.Source#LOCAL} decision: {@link #count} without reading one. */
    public void deniedLocally() {
        localDenied.increment();
    }

    /** Counts a failed or refused Redis call. */
    public void redisFailure() {
        redisFailures.increment();
    }

    LongAdder keysRejectedAdder() {
        return keysRejected;
    }

    @Override
    public long decisions(Decision.Source source, boolean allowed) {
        return decisions[index(source, allowed)].sum();
    }

    @Override
    public long redisFailures() {
        return redisFailures.sum();
    }

    @Override
    public long keysRejected() {
        return keysRejected.sum();
    }

    @SuppressWarnings("EnumOrdinal") // A dense array index over a closed enum, built from values().
    private static int index(Decision.Source source, boolean allowed) {
        return source.ordinal() * 2 + (allowed ? 1 : 0);
    }

    @Override
    public String toString() {
        return "RateLimiterStats{allowed=" + allowed() + ", denied=" + denied() + ", redisFailures=" + redisFailures()
                + ", keysRejected=" + keysRejected() + '}';
    }
}
