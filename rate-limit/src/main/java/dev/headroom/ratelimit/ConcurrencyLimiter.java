package dev.headroom.ratelimit;

import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.ratelimit.internal.LocalConcurrencyLimiter;
import dev.headroom.ratelimit.internal.RedisConcurrencyLimiter;
import java.time.Duration;

/**
 * Caps how many calls per key run at once; each permit is a {@link Lease} released by closing it.
 * {@link #tryAcquire(String)} never blocks and never throws for the state of the traffic or of
 * Redis.
 *
 * <pre>{@code
 * ConcurrencyLimiter exports = ConcurrencyLimiter.local(
 *         "exports", ConcurrencyLimiterConfig.builder().limit(2).build());
 * try (Lease lease = exports.tryAcquire(orgId)) {
 *     if (lease.isAcquired()) {
 *         runExport(orgId);
 *     }
 * }
 * }</pre>
 *
 * <p>The in-memory limiter ({@link #local(String, ConcurrencyLimiterConfig)}) is lock-free and
 * exact: with N threads racing, never more than {@link #limit()} leases are open per key. A key with
 * no open lease holds no memory, and at most {@link ConcurrencyLimiterConfig#maxKeys()} keys are
 * tracked; its leases never expire. The Redis limiter ({@link #redis(String,
 * ConcurrencyLimiterConfig, HeadroomRedis)}) shares the limit across instances: opening a lease is
 * one script, closing it one command, and a lease its holder never closed expires after {@link
 * ConcurrencyLimiterConfig#leaseTimeout()}. While Redis is unavailable {@link
 * ConcurrencyLimiterConfig#failurePolicy()} answers. Keys follow {@link UserKeys}: every non-empty
 * key works, the same in memory and on Redis; a null key throws {@link NullPointerException} and an
 * empty one {@link IllegalArgumentException}.
 */
public interface ConcurrencyLimiter {

    /**
     * Creates an in-memory limiter on the system scheduler.
     *
     * @param name the limiter's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config its rules
     * @return the limiter
     * @throws IllegalArgumentException if the name is malformed
     */
    static ConcurrencyLimiter local(String name, ConcurrencyLimiterConfig config) {
        return local(name, config, Scheduler.system());
    }

    /**
     * Creates an in-memory limiter whose {@link #acquire(String, Duration)} waits on {@code
     * scheduler}; a {@code ManualScheduler} in tests.
     *
     * @param name the limiter's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config its rules
     * @param scheduler the time source
     * @return the limiter
     * @throws IllegalArgumentException if the name is malformed
     */
    static ConcurrencyLimiter local(String name, ConcurrencyLimiterConfig config, Scheduler scheduler) {
        return new LocalConcurrencyLimiter(Limit.requireName(name), config.limit(), config.maxKeys(), scheduler);
    }

    /**
     * Creates a limiter shared through Redis by every limiter of the same name on the same Redis, on
     * the system scheduler. Per key its leases are a sorted set {@code hr:{cl:<name>:<key>}}.
     *
     * @param name the limiter's name, part of its Redis keys: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config its rules
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @return the limiter
     * @throws IllegalArgumentException if the name is malformed
     */
    static ConcurrencyLimiter redis(String name, ConcurrencyLimiterConfig config, HeadroomRedis redis) {
        return redis(name, config, redis, Scheduler.system());
    }

    /**
     * Creates a Redis limiter as {@link #redis(String, ConcurrencyLimiterConfig, HeadroomRedis)}
     * does, on the given scheduler: it times the breaker, and {@link #acquire(String, Duration)}
     * waits on it. Lease expiry keeps Redis time.
     *
     * @param name the limiter's name, part of its Redis keys: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config its rules
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @param scheduler the time source
     * @return the limiter
     * @throws IllegalArgumentException if the name is malformed
     */
    static ConcurrencyLimiter redis(
            String name, ConcurrencyLimiterConfig config, HeadroomRedis redis, Scheduler scheduler) {
        return RedisConcurrencyLimiter.create(Limit.requireName(name), config, redis, scheduler);
    }

    /**
     * Returns the limiter's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the most leases open at once per key.
     *
     * @return the limit
     */
    int limit();

    /**
     * Returns how many leases are open for a key.
     *
     * @param key the key
     * @return from 0 to {@link #limit()}; on Redis, while Redis is unavailable, what the local
     *     fallback holds (0 without one)
     * @throws IllegalArgumentException if the key is empty
     */
    int inFlight(String key);

    /**
     * Tries to open a lease for a key.
     *
     * @param key the key
     * @return an acquired lease, or a refused one if the key is at its limit
     * @throws IllegalArgumentException if the key is empty
     */
    Lease tryAcquire(String key);

    /**
     * Opens a lease for a key, waiting up to {@code maxWait} for one to be released.
     *
     * @param key the key
     * @param maxWait the longest wait
     * @return an acquired lease, or a refused one after the wait; refused at once if interrupted
     * @throws IllegalArgumentException if the key is empty or {@code maxWait} is negative
     */
    Lease acquire(String key, Duration maxWait);

    /**
     * Returns counts of granted and refused leases, by source, and of Redis failures.
     *
     * @return a snapshot taken now
     */
    ConcurrencyLimiterStats stats();
}
