/**
 * The breaker-guarded Redis call that Headroom's Redis-backed modules share: {@link
 * dev.headroom.breaker.internal.redis.GuardedRedis} and its failure meter {@link
 * dev.headroom.breaker.internal.redis.RedisFailureMeter}. Exported only to {@code
 * dev.headroom.ratelimit}, {@code dev.headroom.cache} and {@code dev.headroom.jobs}; the default
 * configuration users see is {@link dev.headroom.breaker.CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}.
 */
@NullMarked
package dev.headroom.breaker.internal.redis;

import org.jspecify.annotations.NullMarked;
