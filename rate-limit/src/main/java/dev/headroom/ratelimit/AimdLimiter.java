package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.spi.HealthSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rate limiter whose limit follows a {@link HealthSignal} by additive increase and
 * multiplicative decrease (AIMD): after each interval in which the signal reports overload the
 * limit is multiplied by {@link AimdConfig#decreaseFactor()}, after each healthy one it grows by
 * {@link AimdConfig#increase()}, always within {@code [min, max]}.
 *
 * <p>The limit is the quota of the policy's first limit; every other limit of the policy keeps its
 * ratio to the first. Changes go through {@link RateLimiter#updatePolicy(RateLimitPolicy)}, so no
 * key loses its state. Adjustments happen on the decision path, at most once per interval, by one
 * caller; no thread of its own. Thread-safe.
 */
public final class AimdLimiter implements RateLimiter {

    private final RateLimiter delegate;
    private volatile RateLimitPolicy base;
    private final HealthSignal signal;
    private final AimdConfig config;
    private final Ticker ticker;
    private final AtomicLong limit;
    private final AtomicLong nextAdjustment;

    private AimdLimiter(RateLimiter delegate, HealthSignal signal, AimdConfig config, Ticker ticker) {
        this.delegate = delegate;
        this.base = delegate.policy();
        this.signal = signal;
        this.config = config;
        this.ticker = ticker;
        this.limit = new AtomicLong(config.initial());
        this.nextAdjustment =
                new AtomicLong(ticker.nanoTime() + config.interval().toNanos());
        delegate.updatePolicy(scaledPolicy(config.initial()));
    }

    /**
     * Wraps a limiter. Its current policy is the template whose first limit's quota the AIMD limit
     * replaces; the limit starts at {@link AimdConfig#initial()}.
     *
     * @param delegate the limiter to adjust
     * @param signal the health signal
     * @param config the rules
     * @param ticker the clock of the adjustment interval
     * @return the adaptive limiter
     */
    public static AimdLimiter of(RateLimiter delegate, HealthSignal signal, AimdConfig config, Ticker ticker) {
        return new AimdLimiter(delegate, signal, config, ticker);
    }

    /**
     * Returns the current limit.
     *
     * @return within {@code [min, max]}
     */
    public long currentLimit() {
        return limit.get();
    }

    /**
     * Reads the signal and adjusts now if the interval has passed; decisions call this on their
     * own.
     *
     * @return true if this call adjusted the limit
     */
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
                : Math.min(config.max(), current + config.increase());
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

    /**
     * {@inheritDoc}
     *
     * <p>The new policy becomes the template: the current AIMD limit replaces its first limit's
     * quota, and the other limits keep their ratio to it.
     */
    @Override
    public void updatePolicy(RateLimitPolicy policy) {
        if (!base.isCompatibleWith(policy)) {
            throw new IllegalArgumentException(
                    "policy " + policy + " is not compatible with " + base + ": names and scopes must match");
        }
        base = policy;
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
