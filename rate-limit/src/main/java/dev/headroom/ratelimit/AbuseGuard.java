package dev.headroom.ratelimit;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.ratelimit.internal.BreakerGuard;
import dev.headroom.ratelimit.internal.LocalAbuseGuard;
import dev.headroom.ratelimit.internal.RedisAbuseGuard;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Protects a service from abusive clients: a short-window rate per client (an IP address, an API
 * key), and past it an automatic temporary ban that grows with each repeat offence (see {@link
 * AbuseGuardConfig}). Allowlisted addresses and ranges are never counted. Bans may also be set and
 * lifted by hand, and every ban and unban is told to the {@link AbuseListener}s.
 *
 * <p>The in-memory guard ({@link #local}) protects one instance. The Redis guard ({@link #redis})
 * keeps counters, offences and bans in Redis, so a client banned by one instance is banned by all;
 * each check is one script (one round trip), and while Redis is unavailable the instance's own
 * in-memory guard answers, counted. {@link #check(String)} never throws for the state of the
 * traffic or of Redis. Thread-safe.
 */
public interface AbuseGuard {

    /**
     * Creates an in-memory guard.
     *
     * @param config the rules
     * @param ticker the clock of windows and bans
     * @return the guard
     */
    static AbuseGuard local(AbuseGuardConfig config, Ticker ticker) {
        return new LocalAbuseGuard(config, ticker);
    }

    /**
     * Creates a guard whose bans are shared through Redis, guarded by a breaker with {@link
     * RedisRateLimiters#DEFAULT_BREAKER_CONFIG}.
     *
     * @param redis the connection
     * @param config the rules
     * @param ticker the clock of the local fallback and the breaker; Redis keeps its own time
     * @return the guard
     */
    static AbuseGuard redis(HeadroomRedis redis, AbuseGuardConfig config, Ticker ticker) {
        return redis(
                redis,
                config,
                ticker,
                CircuitBreaker.of("redis-abuse-" + config.name(), RedisRateLimiters.DEFAULT_BREAKER_CONFIG, ticker));
    }

    /**
     * Creates a guard whose bans are shared through Redis, guarded by the given breaker.
     *
     * @param redis the connection
     * @param config the rules
     * @param ticker the clock of the local fallback and the breaker's timing
     * @param breaker the breaker that guards Redis calls
     * @return the guard
     */
    static AbuseGuard redis(HeadroomRedis redis, AbuseGuardConfig config, Ticker ticker, CircuitBreaker breaker) {
        return new RedisAbuseGuard(
                redis, config, new LocalAbuseGuard(config, ticker), new BreakerGuard(breaker, ticker));
    }

    /**
     * Returns the rules.
     *
     * @return the configuration
     */
    AbuseGuardConfig config();

    /**
     * Counts one request of a client and says whether it may proceed.
     *
     * @param key the client: an address, an API key, a user id
     * @return the verdict
     * @throws IllegalArgumentException if the key is blank
     */
    AbuseVerdict check(String key);

    /**
     * Counts one request from an address.
     *
     * @param address the client's address
     * @return the verdict
     */
    default AbuseVerdict check(InetAddress address) {
        return check(address.getHostAddress());
    }

    /**
     * Bans a client by hand for {@code duration}, replacing any ban it has.
     *
     * @param key the client
     * @param duration at least one millisecond
     * @throws IllegalArgumentException if the key is blank or the duration too short
     */
    void ban(String key, Duration duration);

    /**
     * Lifts a client's ban; its remembered offences stay.
     *
     * @param key the client
     * @return true if it was banned
     */
    boolean unban(String key);

    /**
     * Returns how long a client's ban has left.
     *
     * @param key the client
     * @return the time left, or empty if it is not banned (or Redis cannot say)
     */
    Optional<Duration> banRemaining(String key);

    /**
     * Adds a listener.
     *
     * @param listener hears bans and unbans
     */
    void addListener(AbuseListener listener);

    /**
     * Returns live counts.
     *
     * @return the statistics
     */
    AbuseStats stats();
}
