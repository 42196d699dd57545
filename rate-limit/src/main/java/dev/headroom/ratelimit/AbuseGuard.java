package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
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
 * <pre>{@code
 * AbuseGuard guard = AbuseGuard.local("clients", AbuseGuardConfig.ofDefaults());
 * AbuseVerdict verdict = guard.check(clientAddress);
 * if (!verdict.isAllowed()) {
 *     return tooManyRequests(verdict.retryAfter());
 * }
 * }</pre>
 *
 * <p>The in-memory guard ({@link #local}) protects one instance. The Redis guard ({@link #redis})
 * keeps counters, offences and bans in Redis, so a client banned by one instance is banned by all;
 * each check is one script (one round trip). While Redis is unavailable {@link
 * AbuseGuardConfig#failurePolicy()} answers, counted; a ban, an unban or a lookup that cannot reach
 * Redis acts on this instance alone, counted. {@link #check(String)} never throws for the state of
 * the traffic or of Redis. Keys follow {@link UserKeys}: every non-empty key works, the same in
 * memory and on Redis; a null key throws {@link NullPointerException} and an empty one {@link
 * IllegalArgumentException}. Thread-safe.
 */
public interface AbuseGuard {

    /**
     * Creates an in-memory guard on the system ticker.
     *
     * @param name the guard's name, for metrics and logs: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config the rules
     * @return the guard
     * @throws IllegalArgumentException if the name is malformed
     */
    static AbuseGuard local(String name, AbuseGuardConfig config) {
        return local(name, config, Ticker.system());
    }

    /**
     * Creates an in-memory guard.
     *
     * @param name the guard's name, for metrics and logs: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config the rules
     * @param ticker the clock of windows and bans; a {@code ManualTicker} in tests
     * @return the guard
     * @throws IllegalArgumentException if the name is malformed
     */
    static AbuseGuard local(String name, AbuseGuardConfig config, Ticker ticker) {
        return new LocalAbuseGuard(Limit.requireName(name), config, ticker);
    }

    /**
     * Creates a guard whose counters and bans are shared through Redis by every guard of the same
     * name, on the system ticker.
     *
     * @param name the guard's name, part of its Redis keys: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config the rules
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @return the guard
     * @throws IllegalArgumentException if the name is malformed
     */
    static AbuseGuard redis(String name, AbuseGuardConfig config, HeadroomRedis redis) {
        return redis(name, config, redis, Ticker.system());
    }

    /**
     * Creates a Redis guard as {@link #redis(String, AbuseGuardConfig, HeadroomRedis)} does, with the
     * given clock for its breaker and its local fallback; Redis keeps its own time.
     *
     * @param name the guard's name, part of its Redis keys: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param config the rules
     * @param redis an open connection, standalone or cluster; the caller closes it
     * @param ticker the clock of the breaker and the local fallback
     * @return the guard
     * @throws IllegalArgumentException if the name is malformed
     */
    static AbuseGuard redis(String name, AbuseGuardConfig config, HeadroomRedis redis, Ticker ticker) {
        return RedisAbuseGuard.create(Limit.requireName(name), config, redis, ticker);
    }

    /**
     * Returns the guard's name.
     *
     * @return the name
     */
    String name();

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
     * @throws IllegalArgumentException if the key is empty
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
     * Bans a client by hand for {@code duration}, replacing any ban it has. On Redis, if Redis cannot
     * be reached, the ban holds on this instance only, and the failure is counted.
     *
     * @param key the client
     * @param duration at least one millisecond
     * @throws IllegalArgumentException if the key is empty or the duration too short
     */
    void ban(String key, Duration duration);

    /**
     * Lifts a client's ban; its remembered offences stay. On Redis, if Redis cannot be reached, the
     * ban is lifted on this instance only, and the failure is counted.
     *
     * @param key the client
     * @return true if it was banned (on Redis, or on this instance if Redis cannot be reached)
     * @throws IllegalArgumentException if the key is empty
     */
    boolean unban(String key);

    /**
     * Returns how long a client's ban has left.
     *
     * @param key the client
     * @return the time left, or empty if it is not banned; on Redis, if Redis cannot be reached, what
     *     this instance knows
     * @throws IllegalArgumentException if the key is empty
     */
    Optional<Duration> banRemaining(String key);

    /**
     * Adds a listener. A listener that throws is logged and does not stop the others.
     *
     * @param listener hears bans and unbans
     */
    void addListener(AbuseListener listener);

    /**
     * Returns counts of checks, bans, unbans and Redis failures.
     *
     * @return a snapshot taken now
     */
    AbuseGuardStats stats();
}
