package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.ConcurrencyLimiterStats;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimiterStats;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one limiter: one adder per source and outcome, Redis failures and key-cap
 * refusals, read as a {@link RateLimiterStats} or a {@link ConcurrencyLimiterStats} snapshot.
 */
public final class DecisionCounters {

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
        count(decision.source(), decision.isAllowed());
        return decision;
    }

    /**
     * Counts one answer.
     *
     * @param source where it was made
     * @param allowed whether it allowed
     */
    public void count(Decision.Source source, boolean allowed) {
        decisions[index(source, allowed)].increment();
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

    /** Counts a refusal at the key cap. */
    public void keyRejected() {
        keysRejected.increment();
    }

    LongAdder keysRejectedAdder() {
        return keysRejected;
    }

    /**
     * Reads the counters as a rate limiter's statistics.
     *
     * @return a snapshot
     */
    public RateLimiterStats snapshot() {
        return new RateLimiterStats(bySource(true), bySource(false), redisFailures.sum(), keysRejected.sum());
    }

    /**
     * Reads the counters as a concurrency limiter's statistics: allowed answers are granted leases.
     *
     * @return a snapshot
     */
    public ConcurrencyLimiterStats leaseSnapshot() {
        return new ConcurrencyLimiterStats(bySource(true), bySource(false), redisFailures.sum(), keysRejected.sum());
    }

    private Map<Decision.Source, Long> bySource(boolean allowed) {
        Map<Decision.Source, Long> counts = new EnumMap<>(Decision.Source.class);
        for (Decision.Source source : Decision.Source.values()) {
            counts.put(source, decisions[index(source, allowed)].sum());
        }
        return counts;
    }

    @SuppressWarnings("EnumOrdinal") // A dense array index over a closed enum, built from values().
    private static int index(Decision.Source source, boolean allowed) {
        return source.ordinal() * 2 + (allowed ? 1 : 0);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
