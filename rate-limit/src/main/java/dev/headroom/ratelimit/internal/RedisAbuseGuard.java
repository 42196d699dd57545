package dev.headroom.ratelimit.internal;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.AbuseListener;
import dev.headroom.ratelimit.AbuseStats;
import dev.headroom.ratelimit.AbuseVerdict;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The abuse guard on Redis: counters, offences and bans under {@code hr:{ab:<guard>:<client>}:...},
 * so every instance sees every ban. A check is one script; manual bans, unbans and ban lookups are
 * one command each. When Redis is unavailable (or the breaker is open) the local guard answers, and
 * it remembers the bans Redis reported, so a known abuser stays banned through an outage. On Redis a
 * client's window starts with its first request; in memory windows are aligned to the guard's clock.
 */
public final class RedisAbuseGuard implements AbuseGuard {

    private static final RedisScript SCRIPT = RedisScript.fromResource(RedisAbuseGuard.class, "abuse.lua");
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final HeadroomRedis redis;
    private final AbuseGuardConfig config;
    private final LocalAbuseGuard local;
    private final RedisGuard guard;
    private final AbuseEvents events;
    private final byte[][] args;

    /**
     * Creates a guard.
     *
     * @param redis the connection
     * @param config the rules
     * @param local the fallback, whose counters and listeners this guard shares
     * @param guard decides whether Redis is called
     */
    public RedisAbuseGuard(HeadroomRedis redis, AbuseGuardConfig config, LocalAbuseGuard local, RedisGuard guard) {
        this.redis = redis;
        this.config = config;
        this.local = local;
        this.guard = guard;
        this.events = local.events();
        this.args = new byte[][] {
            ascii(Long.toString(config.limit())),
            ascii(Long.toString(config.window().toMillis())),
            ascii(Long.toString(config.firstBan().toMillis())),
            ascii(Double.toString(config.banMultiplier())),
            ascii(Long.toString(config.maxBan().toMillis())),
            ascii(Long.toString(config.offenceMemory().toMillis()))
        };
    }

    @Override
    public AbuseGuardConfig config() {
        return config;
    }

    @Override
    public AbuseVerdict check(String key) {
        RedisKeys.requireValid("client key", key);
        if (config.allowlist().contains(key)) {
            return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.ALLOWLISTED, 0, 0));
        }
        RedisGuard.Call call = guard.start();
        if (call == null) {
            events.redisFailure();
            return local.check(key);
        }
        List<Object> reply;
        try {
            reply = RedisPlumbing.of(redis).scripts().run(SCRIPT, ScriptOutput.MULTI, keys(key), args);
            call.succeeded();
        } catch (RuntimeException e) {
            call.failed(e);
            events.redisFailure();
            return local.check(key);
        }
        long kind = (Long) reply.get(0);
        long banMillis = (Long) reply.get(1);
        int offences = (int) (long) (Long) reply.get(2);
        if (kind == 0) {
            return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.ALLOWED, 0, offences));
        }
        long banNanos = banMillis * NANOS_PER_MILLI;
        local.remember(key, banNanos);
        if (kind == 1) {
            events.banned(key, Duration.ofMillis(banMillis), offences, false);
        }
        return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.BANNED, banNanos, offences));
    }

    @Override
    public void ban(String key, Duration duration) {
        RedisKeys.requireValid("client key", key);
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("ban duration must be at least 1 ms: " + duration);
        }
        local.remember(key, duration.toNanos());
        RedisPlumbing.of(redis).sync().set(keys(key)[1], ascii("0"), SetArgs.Builder.px(duration.toMillis()));
        events.banned(key, duration, 0, true);
    }

    @Override
    public boolean unban(String key) {
        RedisKeys.requireValid("client key", key);
        local.unbanQuietly(key);
        boolean removed = RedisPlumbing.of(redis).sync().del(keys(key)[1]) > 0;
        if (removed) {
            events.unbanned(key);
        }
        return removed;
    }

    @Override
    public Optional<Duration> banRemaining(String key) {
        RedisKeys.requireValid("client key", key);
        try {
            long millis = RedisPlumbing.of(redis).sync().pttl(keys(key)[1]);
            return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
        } catch (RuntimeException e) {
            return local.banRemaining(key);
        }
    }

    @Override
    public void addListener(AbuseListener listener) {
        events.add(listener);
    }

    @Override
    public AbuseStats stats() {
        return events;
    }

    private byte[][] keys(String key) {
        String tag = RedisKeys.PREFIX + ":{ab:" + config.name() + ':' + RedisRateLimiter.encode(key) + "}:";
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
        return "RedisAbuseGuard{" + config.name() + '}';
    }
}
