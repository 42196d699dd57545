package dev.headroom.cache.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Permits every command and reports degraded after a failure until the next success. Used when no
 * breaker is configured: a disconnected Redis still fails fast, since commands are rejected while
 * disconnected, but a hanging one costs each read the command timeout.
 */
final class UnguardedRedisGuard implements RedisGuard, RedisGuard.Permit {

    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    @Override
    public Permit acquire() {
        return this;
    }

    @Override
    public boolean degraded() {
        return consecutiveFailures.get() > 0;
    }

    @Override
    public boolean isPermitted() {
        return true;
    }

    @Override
    public void onSuccess(long durationNanos) {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    @Override
    public void onError(Throwable error, long durationNanos) {
        consecutiveFailures.incrementAndGet();
    }
}
