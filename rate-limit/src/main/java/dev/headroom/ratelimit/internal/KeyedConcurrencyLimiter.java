package dev.headroom.ratelimit.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.ConcurrencyLimiterStats;
import dev.headroom.ratelimit.Lease;
import java.time.Duration;

/**
 * What the in-memory and the Redis concurrency limiter share: the name and limit, the counters
 * behind {@link #stats()}, and a blocking acquire that polls on the scheduler with pauses fit for
 * where the leases live.
 */
abstract class KeyedConcurrencyLimiter implements ConcurrencyLimiter {

    final String name;
    final int limit;
    final Scheduler scheduler;
    final DecisionCounters counters = new DecisionCounters();
    private final long firstPauseNanos;
    private final long maxPauseNanos;

    KeyedConcurrencyLimiter(String name, int limit, Scheduler scheduler, long firstPauseNanos, long maxPauseNanos) {
        this.name = name;
        this.limit = limit;
        this.scheduler = scheduler;
        this.firstPauseNanos = firstPauseNanos;
        this.maxPauseNanos = maxPauseNanos;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int limit() {
        return limit;
    }

    @Override
    public final ConcurrencyLimiterStats stats() {
        return counters.leaseSnapshot();
    }

    @Override
    public final Lease acquire(String key, Duration maxWait) {
        UserKeys.requireNonEmpty(key);
        return Blocking.pollLease(scheduler, maxWait, firstPauseNanos, maxPauseNanos, () -> tryAcquire(key));
    }
}
