package dev.headroom.ratelimit;

import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.ratelimit.internal.LocalRateLimiter;
import dev.headroom.ratelimit.internal.RedisRateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a request for some permits on some key may pass, under a {@link RateLimitPolicy}.
 * The same interface is served in memory ({@link #local(RateLimitPolicy, RateLimiterConfig)}) and
 * on Redis ({@link #redis(RateLimitPolicy, RateLimiterConfig, HeadroomRedis)}); a limiter is named by
 * its policy.
 *
 * <pre>{@code
 * RateLimiter api = RateLimiter.local(
 *         RateLimitPolicy.of("api", Limit.tokenBucket("burst", 10, 10, Duration.ofSeconds(1))),
 *         RateLimiterConfig.ofDefaults());
 * Decision decision = api.tryAcquire(userId);
 * }</pre>
 *
 * <p><b>Guarantees.</b> {@code tryAcquire} answers with a {@link Decision} and never throws for any
 * state of the traffic or of Redis: when Redis fails, the limiter's failure policy answers, and the
 * outcome is counted. Every non-empty key is accepted, of any length and content, and means the same
 * key in memory and on Redis (see {@link UserKeys}). It throws only for a programming error: {@link
 * NullPointerException} for a null key, {@link IllegalArgumentException} for an empty key, a negative
 * permit count, or the wrong number of keys for the policy's scopes, the same way in memory and on
 * Redis. A decision over several limits and keys consumes from all of them or from none. Asking for
 * 0 permits peeks: it reports the state and changes nothing. Thread-safe; the in-memory limiter is
 * lock-free.
 */
public interface RateLimiter {

    /**
     * Creates an in-memory limiter on the system scheduler: lock-free, exact under contention, with
     * bounded state. Each limiter keeps one {@code long} per key and limit; a key whose state reads
     * like a new key's (a full bucket, an expired window) is dropped as new keys arrive, and no limit
     * tracks more than {@link RateLimiterConfig#maxKeys()} keys.
     *
     * @param policy what it enforces; its name is the limiter's
     * @param config how it runs
     * @return a new limiter, with state of its own
     */
    static RateLimiter local(RateLimitPolicy policy, RateLimiterConfig config) {
        return local(policy, config, Scheduler.system());
    }

    /**
     * Creates an in-memory limiter on the given scheduler, whose ticker times every limit and which
     * {@link #acquire(String, int, Duration)} waits on; a {@code ManualScheduler} in tests.
     *
     * @param policy what it enforces; its name is the limiter's
     * @param config how it runs
     * @param scheduler the time source
     * @return a new limiter, with state of its own
     */
    static RateLimiter local(RateLimitPolicy policy, RateLimiterConfig config, Scheduler scheduler) {
        return new LocalRateLimiter(policy, config.maxKeys(), scheduler);
    }

    /**
     * Creates a limiter whose state lives in Redis and is shared by every limiter of the same policy
     * name on the same Redis, in this instance and every other, on the system scheduler.
     *
     * <p><b>One round trip.</b> Every decision, over any number of limits and keys, is one {@code
     * EVALSHA} of one Lua script. The script takes the time from Redis {@code TIME}, so client clocks
     * never decide; it writes all the limits or none, and gives every key a TTL after which its state
     * is as good as new.
     *
     * <p><b>Keys.</b> {@code hr:{rl:<policy>:<first key>}:...}, with keys in their {@link
     * UserKeys#canonical(String) canonical form}: every key of one decision shares the hash tag of
     * the decision's first key, so the same script runs on Redis Cluster. See {@link RateLimitPolicy}
     * for what that means for several scopes.
     *
     * <p><b>Failures.</b> A Redis failure never reaches the caller: {@link
     * RateLimiterConfig#failurePolicy()} answers, and the outcome is counted. Redis calls go through
     * a circuit breaker, so a Redis that is down is not waited on call after call.
     *
     * @param policy what it enforces; its name is the limiter's and part of its Redis keys
     * @param config how it runs
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @return a new limiter
     */
    static RateLimiter redis(RateLimitPolicy policy, RateLimiterConfig config, HeadroomRedis redis) {
        return redis(policy, config, redis, Scheduler.system());
    }

    /**
     * Creates a Redis limiter as {@link #redis(RateLimitPolicy, RateLimiterConfig, HeadroomRedis)}
     * does, on the given scheduler: it times the breaker and the local fallback, and {@link
     * #acquire(String, int, Duration)} waits on it. Decisions on Redis keep Redis time.
     *
     * @param policy what it enforces; its name is the limiter's and part of its Redis keys
     * @param config how it runs
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @param scheduler the time source
     * @return a new limiter
     */
    static RateLimiter redis(
            RateLimitPolicy policy, RateLimiterConfig config, HeadroomRedis redis, Scheduler scheduler) {
        return RedisRateLimiter.create(policy, config, redis, scheduler);
    }

    /**
     * Returns the limiter's name: its policy's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the policy in force.
     *
     * @return the policy given at creation or by the latest {@link #updatePolicy(RateLimitPolicy)}
     */
    RateLimitPolicy policy();

    /**
     * Tries to take {@code permits} from every limit of a one-scope policy for {@code key}.
     *
     * @param key the key, such as a user id or an IP address
     * @param permits how many; 0 peeks
     * @return the decision
     * @throws IllegalArgumentException if {@code permits} is negative, the key is empty or the
     *     policy has more than one scope
     */
    Decision tryAcquire(String key, int permits);

    /**
     * Tries to take one permit for {@code key}.
     *
     * @param key the key
     * @return the decision
     * @throws IllegalArgumentException if the key is empty or the policy has more than one scope
     */
    default Decision tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /**
     * Tries to take {@code permits} from every limit of every scope, with one key per scope in the
     * policy's order: all or nothing.
     *
     * @param keys one key per scope, coarsest first
     * @param permits how many; 0 peeks
     * @return the decision
     * @throws IllegalArgumentException if {@code permits} is negative, a key is empty or the number
     *     of keys differs from the number of scopes
     */
    Decision tryAcquire(List<String> keys, int permits);

    /**
     * Reports the state for {@code key} without consuming anything.
     *
     * @param key the key
     * @return a decision for 0 permits
     * @throws IllegalArgumentException if the key is empty or the policy has more than one scope
     */
    default Decision peek(String key) {
        return tryAcquire(key, 0);
    }

    /**
     * Like {@link #tryAcquire(String, int)} without blocking the caller: a Redis limiter completes
     * the future when Redis answers (or the failure policy does); an in-memory limiter returns a
     * completed future. The future never completes exceptionally.
     *
     * @param key the key
     * @param permits how many; 0 peeks
     * @return the decision, eventually
     * @throws IllegalArgumentException as {@link #tryAcquire(String, int)}
     */
    default CompletableFuture<Decision> tryAcquireAsync(String key, int permits) {
        return CompletableFuture.completedFuture(tryAcquire(key, permits));
    }

    /**
     * Like {@link #tryAcquire(List, int)} without blocking the caller.
     *
     * @param keys one key per scope, coarsest first
     * @param permits how many; 0 peeks
     * @return the decision, eventually; never completed exceptionally
     * @throws IllegalArgumentException as {@link #tryAcquire(List, int)}
     */
    default CompletableFuture<Decision> tryAcquireAsync(List<String> keys, int permits) {
        return CompletableFuture.completedFuture(tryAcquire(keys, permits));
    }

    /**
     * Takes {@code permits}, waiting up to {@code maxWait} for them. Each denial says how long to
     * wait; if that is beyond what remains of {@code maxWait} the denial is returned at once rather
     * than after a useless wait. Waiters are not queued, so a steady stream of {@code tryAcquire}
     * callers may keep taking the permits first. If the thread is interrupted the latest denial is
     * returned with the interrupt status set.
     *
     * @param key the key
     * @param permits how many, at least 1
     * @param maxWait the longest wait
     * @return an allowed decision, or the latest denial
     * @throws IllegalArgumentException as {@link #tryAcquire(String, int)}, or if {@code maxWait} is
     *     negative
     */
    Decision acquire(String key, int permits, Duration maxWait);

    /**
     * Replaces the policy's limits while the limiter runs, keeping every key's state: limits are
     * matched by scope and name, and a limit's state carries over to its new numbers (a window's
     * count is kept; a bucket keeps the time it needs to refill completely, so a key that shrinks
     * into a smaller bucket reads empty until that time is under the new bucket's). A limit whose
     * name is new, or whose algorithm changed between a bucket and a window, starts fresh.
     *
     * @param policy a policy {@linkplain RateLimitPolicy#isCompatibleWith(RateLimitPolicy)
     *     compatible} with the current one
     * @throws IllegalArgumentException if the policy has another name or other scopes
     */
    void updatePolicy(RateLimitPolicy policy);

    /**
     * Returns this limiter's counts of decisions, for monitoring.
     *
     * @return a snapshot taken now
     */
    RateLimiterStats stats();
}
