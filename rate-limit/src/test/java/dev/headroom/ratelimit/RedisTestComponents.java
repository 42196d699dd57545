package dev.headroom.ratelimit;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.ratelimit.internal.RedisConcurrencyLimiter;
import dev.headroom.ratelimit.internal.RedisRateLimiter;
import java.time.Duration;

/**
 * Redis components for the contract tests, on a manual clock: the scripts that read Redis {@code
 * TIME} in production are sent the scheduler's time instead, counted from {@link
 * ManualTicker#DEFAULT_START}.
 */
final class RedisTestComponents {

    /** A generous command timeout: the first scripts of a cold JVM must not be answered by a failure policy. */
    static final RedisSettings PATIENT =
            RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build();

    private static final long START_MILLIS = ManualTicker.DEFAULT_START.toEpochMilli();

    private RedisTestComponents() {}

    /** A fail-closed Redis rate limiter whose script time is the scheduler's. */
    static RateLimiter rateLimiter(RateLimitPolicy policy, HeadroomRedis redis, ManualScheduler scheduler) {
        return new RedisRateLimiter(
                policy,
                RateLimiterConfig.builder()
                        .failurePolicy(FailurePolicy.failClosed())
                        .build(),
                redis,
                GuardedRedis.withDefaultBreaker("ratelimit", policy.name(), scheduler.ticker()),
                scheduler,
                () -> START_MILLIS * 1000 + scheduler.ticker().nanoTime() / 1000);
    }

    /** A Redis concurrency limiter whose script time is the scheduler's. */
    static ConcurrencyLimiter concurrencyLimiter(
            String name, ConcurrencyLimiterConfig config, HeadroomRedis redis, ManualScheduler scheduler) {
        return new RedisConcurrencyLimiter(
                name,
                config,
                redis,
                GuardedRedis.withDefaultBreaker("concurrency", name, scheduler.ticker()),
                scheduler,
                () -> START_MILLIS + scheduler.ticker().nanoTime() / 1_000_000);
    }
}
