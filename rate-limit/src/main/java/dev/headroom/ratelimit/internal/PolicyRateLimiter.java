package dev.headroom.ratelimit.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterStats;
import java.time.Duration;

/**
 * What the in-memory and the Redis limiter share: the name of the policy in force, the counters
 * behind {@link #stats()}, blocking acquires that wait on the scheduler, and the check that a new
 * policy fits the old one.
 */
abstract class PolicyRateLimiter implements RateLimiter {

    final Scheduler scheduler;
    final DecisionCounters counters = new DecisionCounters();

    PolicyRateLimiter(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public final String name() {
        return policy().name();
    }

    @Override
    public final RateLimiterStats stats() {
        return counters.snapshot();
    }

    @Override
    public final Decision acquire(String key, int permits, Duration maxWait) {
        return Blocking.acquire(scheduler, maxWait, () -> tryAcquire(key, permits));
    }

    @Override
    public final void updatePolicy(RateLimitPolicy policy) {
        apply(Arguments.requireCompatible(policy(), policy));
    }

    /** Puts a compatible policy in force, keeping every key's state. */
    abstract void apply(RateLimitPolicy policy);
}
