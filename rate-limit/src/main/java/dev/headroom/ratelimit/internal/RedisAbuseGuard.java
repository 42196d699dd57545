package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Ticker;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.AbuseVerdict;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abuse guard on Redis: counters, offences and bans under {@code hr:{ab:<guard>:<client>}:...},
 * the client key in its {@link UserKeys#canonical(String) canonical form}, so every instance sees
 * every ban. A check is one script; manual bans, unbans and ban lookups are one command each.
 *
 * <p>While Redis is unavailable (or the breaker is open) the configured {@link FailurePolicy}
 * answers a check: {@link AbuseVerdict.Outcome#ALLOWED} when it fails open, {@link
 * AbuseVerdict.Outcome#DENIED} when it fails closed, or the instance's own in-memory guard with its
 * share of the limit, which remembers the bans Redis reported so that a known abuser stays banned
 * through an outage. Manual bans and unbans that cannot reach Redis act on that in-memory guard
 * alone. Every such answer is counted. On Redis a client's window starts with its first request; in
 * memory windows are aligned to the guard's clock.
 */
public final class RedisAbuseGuard extends ClientAbuseGuard implements RedisBacked {

    private static final Logger LOG = LoggerFactory.getLogger(RedisAbuseGuard.class);
    private static final RedisScript SCRIPT = RedisScript.fromResource(RedisAbuseGuard.class, "abuse.lua");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final RedisPlumbing redis;
    private final FailurePolicy failurePolicy;
    private final LocalAbuseGuard local;
    private final GuardedRedis calls;
    private final byte[][] args;

    /**
     * Creates a guard.
     *
     * @param name its name, part of its keys
     * @param config the rules
     * @param redis the connection
     * @param calls the guarded way to Redis
     * @param ticker the clock of the local fallback
     */
    public RedisAbuseGuard(
            String name, AbuseGuardConfig config, HeadroomRedis redis, GuardedRedis calls, Ticker ticker) {
        super(name, config, new AbuseEvents(name));
        this.redis = RedisPlumbing.of(redis);
        this.failurePolicy = config.failurePolicy();
        this.calls = calls;
        AbuseGuardConfig share = config.toBuilder()
                .limit(Math.max(1, (long) Math.floor(config.limit() * failurePolicy.share())))
                .build();
        this.local = new LocalAbuseGuard(name, share, ticker, events, Decision.Source.LOCAL_FALLBACK);
        this.args = new byte[][] {
            ascii(Long.toString(config.limit())),
            ascii(Long.toString(config.window().toMillis())),
            ascii(Long.toString(config.firstBan().toMillis())),
            ascii(Double.toString(config.banMultiplier())),
            ascii(Long.toString(config.maxBan().toMillis())),
            ascii(Long.toString(config.offenceMemory().toMillis()))
        };
    }

    /**
     * Creates a guard with a breaker of its own.
     *
     * @param name its name
     * @param config the rules
     * @param redis the connection
     * @param ticker the clock of the breaker and the local fallback
     * @return the guard
     */
    public static RedisAbuseGuard create(String name, AbuseGuardConfig config, HeadroomRedis redis, Ticker ticker) {
        return new RedisAbuseGuard(
                name, config, redis, Guards.of(config.redisBreaker(), "abuse", name, ticker), ticker);
    }

    @Override
    AbuseVerdict check(String key, String id) {
        byte[][] keys = keys(id);
        return calls.call(
                () -> onRedis(key, id, redis.scripts().run(SCRIPT, ScriptOutput.MULTI, keys, args)),
                failure -> fallback(key, id, failure));
    }

    private AbuseVerdict onRedis(String key, String id, List<Object> reply) {
        long kind = (Long) reply.get(0);
        long banMillis = (Long) reply.get(1);
        int offences = (int) (long) (Long) reply.get(2);
        if (kind == 0) {
            return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.ALLOWED, 0, offences, Decision.Source.REDIS));
        }
        long banNanos = banMillis * NANOS_PER_MILLI;
        local.remember(id, banNanos);
        if (kind == 1) {
            events.banned(key, Duration.ofMillis(banMillis), offences, false);
        }
        return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.BANNED, banNanos, offences, Decision.Source.REDIS));
    }

    private AbuseVerdict fallback(String key, String id, Throwable failure) {
        events.redisFailure();
        LOG.debug("abuse guard '{}' answers by {}: {}", name, failurePolicy, failure.toString());
        return switch (failurePolicy.mode()) {
            case FAIL_OPEN ->
                events.counted(new AbuseVerdict(AbuseVerdict.Outcome.ALLOWED, 0, 0, Decision.Source.FAIL_OPEN));
            case FAIL_CLOSED ->
                events.counted(new AbuseVerdict(
                        AbuseVerdict.Outcome.DENIED,
                        failurePolicy.retryAfter().toNanos(),
                        0,
                        Decision.Source.FAIL_CLOSED));
            case LOCAL_FALLBACK -> local.check(key, id);
        };
    }

    @Override
    public void ban(String key, Duration duration) {
        String id = UserKeys.canonical(key);
        long millis = AbuseEvents.requireBan(duration).toMillis();
        local.remember(id, duration.toNanos());
        calls.call(() -> redis.sync().set(keys(id)[1], ascii("0"), SetArgs.Builder.px(millis)), failure -> {
            events.redisFailure();
            LOG.warn(
                    "abuse guard '{}' could not store the ban of '{}' in Redis; it holds on this instance only: {}",
                    name,
                    AbuseEvents.logged(key),
                    failure.toString());
            return "";
        });
        events.banned(key, duration, 0, true);
    }

    @Override
    public boolean unban(String key) {
        String id = UserKeys.canonical(key);
        boolean here = local.unbanQuietly(id);
        boolean removed = calls.call(() -> redis.sync().del(keys(id)[1]) > 0, failure -> {
            events.redisFailure();
            LOG.warn(
                    "abuse guard '{}' could not lift the ban of '{}' in Redis; it is lifted on this instance only: {}",
                    name,
                    AbuseEvents.logged(key),
                    failure.toString());
            return here;
        });
        if (removed) {
            events.unbanned(key);
        }
        return removed;
    }

    @Override
    public Optional<Duration> banRemaining(String key) {
        String id = UserKeys.canonical(key);
        return calls.call(
                () -> {
                    long millis = redis.sync().pttl(keys(id)[1]);
                    return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.<Duration>empty();
                },
                failure -> {
                    events.redisFailure();
                    return local.banRemainingOf(id);
                });
    }

    @Override
    public GuardedRedis guard() {
        return calls;
    }

    /** The client's window count, ban and offences, under one hash tag. */
    private byte[][] keys(String id) {
        String tag = RedisKeys.PREFIX + ":{ab:" + name + ':' + id + "}:";
        return new byte[][] {
            (tag + 'w').getBytes(StandardCharsets.UTF_8),
            (tag + 'b').getBytes(StandardCharsets.UTF_8),
            (tag + 'o').getBytes(StandardCharsets.UTF_8)
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "RedisAbuseGuard{" + name + ", " + failurePolicy + '}';
    }
}
