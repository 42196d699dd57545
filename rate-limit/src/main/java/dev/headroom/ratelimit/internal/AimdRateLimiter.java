package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.AimdConfig;
import dev.headroom.ratelimit.AimdLimiter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterStats;
import dev.headroom.ratelimit.spi.HealthSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link AimdLimiter}: the AIMD limit in an {@link AtomicLong}, applied to the delegate through
 * {@link RateLimiter#updatePolicy(RateLimitPolicy)}.
 */
public final class AimdRateLimiter implements AimdLimiter {

    private final RateLimiter delegate;
    private volatile RateLimitPolicy base;
    private final HealthSignal signal;
    private final AimdConfig config;
    private final Ticker ticker;
    private final AtomicLong limit;
    private final AtomicLong nextAdjustment;

    private final long max;

    /**
     * Wraps a limiter. Its current policy is the template whose first limit's quota the AIMD limit
     * replaces.
     *
     * @param delegate the limiter to adjust
     * @param signal the health signal
     * @param config the rules
     * @param ticker the clock of the adjustment interval
     * @throws IllegalArgumentException if the configured bounds do not fit the delegate's quota
     */
    public AimdRateLimiter(RateLimiter delegate, HealthSignal signal, AimdConfig config, Ticker ticker) {
        this.delegate = delegate;
        this.base = delegate.policy();
        this.signal = signal;
        this.config = config;
        this.ticker = ticker;
        long quota = base.scopes().get(0).limits().get(0).quota();
        this.max = config.max().orElse(quota);
        if (max < config.min()) {
            throw new IllegalArgumentException(
                    "AIMD max, the first limit's quota unless set, must be at least min " + config.min() + ": " + max);
        }
        long initial = config.initial().orElse(max);
        if (initial > max) {
            throw new IllegalArgumentException("AIMD initial must be at most max " + max + ": " + initial);
        }
        this.limit = new AtomicLong(initial);
        this.nextAdjustment =
                new AtomicLong(ticker.nanoTime() + config.interval().toNanos());
        delegate.updatePolicy(scaledPolicy(initial));
    }

    /**
     * Returns the limiter this one adjusts.
     *
     * @return the delegate
     */
    public RateLimiter delegate() {
        return delegate;
    }

    @Override
    public long currentLimit() {
        return limit.get();
    }

    @Override
    public boolean maybeAdjust() {
        long now = ticker.nanoTime();
        long due = nextAdjustment.get();
        if (now - due < 0
                || !nextAdjustment.compareAndSet(due, now + config.interval().toNanos())) {
            return false;
        }
        long current = limit.get();
        long next = signal.isOverloaded()
                ? Math.max(config.min(), (long) Math.floor(current * config.decreaseFactor()))
                : Math.min(max, current + config.increase());
        if (next != current) {
            limit.set(next);
            delegate.updatePolicy(scaledPolicy(next));
        }
        return true;
    }

    private RateLimitPolicy scaledPolicy(long value) {
        RateLimitPolicy template = base;
        long first = template.scopes().get(0).limits().get(0).quota();
        RateLimitPolicy policy = template;
        for (RateLimitPolicy.Scope scope : template.scopes()) {
            List<Limit> limits = new ArrayList<>(scope.limits().size());
            for (Limit l : scope.limits()) {
                long quota = Math.max(1, Math.round((double) l.quota() * value / first));
                if (l.algorithm() == Limit.Algorithm.SLIDING_WINDOW) {
                    quota = Math.min(quota, Limit.MAX_SLIDING_WINDOW_LIMIT);
                }
                limits.add(l.withQuota(Math.min(quota, Limit.MAX_QUOTA)));
            }
            policy = policy.withLimits(scope.name(), limits);
        }
        return policy;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public RateLimitPolicy policy() {
        return delegate.policy();
    }

    @Override
    public Decision tryAcquire(String key, int permits) {
        maybeAdjust();
        return delegate.tryAcquire(key, permits);
    }

    @Override
    public Decision tryAcquire(List<String> keys, int permits) {
        maybeAdjust();
        return delegate.tryAcquire(keys, permits);
    }

    @Override
    public CompletableFuture<Decision> tryAcquireAsync(String key, int permits) {
        maybeAdjust();
        return delegate.tryAcquireAsync(key, permits);
    }

    @Override
    public CompletableFuture<Decision> tryAcquireAsync(List<String> keys, int permits) {
        maybeAdjust();
        return delegate.tryAcquireAsync(keys, permits);
    }

    @Override
    public Decision acquire(String key, int permits, Duration maxWait) {
        maybeAdjust();
        return delegate.acquire(key, permits, maxWait);
    }

    @Override
    public void updatePolicy(RateLimitPolicy policy) {
        base = Arguments.requireCompatible(base, policy);
        delegate.updatePolicy(scaledPolicy(limit.get()));
    }

    @Override
    public RateLimiterStats stats() {
        return delegate.stats();
    }

    @Override
    public String toString() {
        return "AimdLimiter{" + config + ", limit=" + limit.get() + ", " + delegate + '}';
    }
}
