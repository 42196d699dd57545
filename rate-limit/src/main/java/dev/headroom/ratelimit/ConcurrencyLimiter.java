package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.internal.LocalConcurrencyLimiter;
import java.time.Duration;

/**
 * Caps how many calls per key run at once; each permit is a {@link Lease} released by closing it.
 * {@link #tryAcquire(String)} never blocks and never throws for the state of the traffic.
 *
 * <p>The in-memory limiter ({@link #local(String, int)}) is lock-free and exact: with N threads
 * racing, never more than {@link #limit()} leases are open per key. A key with no open lease holds
 * no memory, and at most {@code maxKeys} keys are tracked; its leases never expire. The Redis
 * limiter ({@link RedisRateLimiters#concurrencyLimiter(String, int, Duration)}) shares the limit
 * across instances: opening a lease is one script, closing it one command, and a lease its holder
 * never closed expires after the lease timeout.
 */
public interface ConcurrencyLimiter {

    /** The default bound on tracked keys: {@value}. */
    int DEFAULT_MAX_KEYS = 1_000_000;

    /**
     * Creates an in-memory limiter on the system ticker.
     *
     * @param name the limiter's name
     * @param limit the most leases open at once per key, at least 1
     * @return the limiter
     * @throws IllegalArgumentException if {@code limit} is less than 1
     */
    static ConcurrencyLimiter local(String name, int limit) {
        return local(name, limit, Ticker.system(), DEFAULT_MAX_KEYS);
    }

    /**
     * Creates an in-memory limiter.
     *
     * @param name the limiter's name
     * @param limit the most leases open at once per key, at least 1
     * @param ticker the clock of {@link #acquire(String, Duration)}
     * @param maxKeys the most keys with open leases, at least 1
     * @return the limiter
     * @throws IllegalArgumentException if a bound is less than 1
     */
    static ConcurrencyLimiter local(String name, int limit, Ticker ticker, int maxKeys) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
        }
        return new LocalConcurrencyLimiter(name, limit, ticker, maxKeys);
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
     * @return from 0 to {@link #limit()}
     */
    int inFlight(String key);

    /**
     * Tries to open a lease for a key.
     *
     * @param key the key
     * @return an acquired lease, or a refused one if the key is at its limit
     * @throws IllegalArgumentException if the key is blank
     */
    Lease tryAcquire(String key);

    /**
     * Returns live counts of granted and refused leases, by source, and of Redis failures.
     *
     * @return a view that reads the counters at each call
     */
    RateLimiterStats stats();

    /**
     * Opens a lease for a key, waiting up to {@code maxWait} for one to be released.
     *
     * @param key the key
     * @param maxWait the longest wait
     * @return an acquired lease, or a refused one after the wait; refused at once if interrupted
     * @throws IllegalArgumentException if the key is blank or {@code maxWait} is negative
     */
    Lease acquire(String key, Duration maxWait);
}
