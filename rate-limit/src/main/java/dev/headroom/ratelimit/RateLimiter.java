package dev.headroom.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decides whether a request for some permits on some key may pass, under a {@link RateLimitPolicy}.
 * The same interface is served in memory ({@link LocalRateLimiters}) and on Redis ({@link
 * RedisRateLimiters}).
 *
 * <p><b>Guarantees.</b> {@code tryAcquire} answers with a {@link Decision} and never throws for any
 * state of the traffic or of Redis: when Redis fails, the limiter's failure policy answers, and the
 * outcome is counted. It throws {@link IllegalArgumentException} only for a programming error: a
 * negative permit count, a blank key, or the wrong number of keys for the policy's scopes. A
 * decision over several limits and keys consumes from all of them or from none. Asking for 0
 * permits peeks: it reports the state and changes nothing. Thread-safe; the in-memory limiter is
 * lock-free.
 */
public interface RateLimiter {

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
     * @throws IllegalArgumentException if {@code permits} is negative, the key is blank or the
     *     policy has more than one scope
     */
    Decision tryAcquire(String key, int permits);

    /**
     * Tries to take one permit for {@code key}.
     *
     * @param key the key
     * @return the decision
     * @throws IllegalArgumentException if the key is blank or the policy has more than one scope
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
     * @throws IllegalArgumentException if {@code permits} is negative, a key is blank or the number
     *     of keys differs from the number of scopes
     */
    Decision tryAcquire(List<String> keys, int permits);

    /**
     * Reports the state for {@code key} without consuming anything.
     *
     * @param key the key
     * @return a decision for 0 permits
     * @throws IllegalArgumentException if the key is blank or the policy has more than one scope
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
     * Returns live counts of this limiter's decisions, for monitoring.
     *
     * @return a view that reads the counters at each call
     */
    RateLimiterStats stats();
}
