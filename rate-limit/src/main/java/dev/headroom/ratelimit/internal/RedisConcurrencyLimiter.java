package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.ConcurrencyLimiterConfig;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;
import dev.headroom.ratelimit.Lease;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A concurrency limit shared through Redis: per key, a sorted set {@code hr:{cl:<name>:<key>}} of
 * open leases scored by their expiry, the key in its {@link UserKeys#canonical(String) canonical
 * form}. Opening a lease is one script ({@code lease-acquire.lua}); closing it is one {@code ZREM}.
 * A lease that is never closed (its holder crashed) expires after the lease timeout, so a crash
 * cannot leak a permit for longer. While Redis is unavailable the {@link FailurePolicy} answers:
 * every lease granted, none, or a local limit of this instance's share; each such answer is counted.
 *
 * <p>Test hook: a non-null {@code testClock} (epoch milliseconds) replaces Redis {@code TIME} in
 * the script; {@link #create} never sets it.
 */
public final class RedisConcurrencyLimiter extends KeyedConcurrencyLimiter implements RedisBacked {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConcurrencyLimiter.class);
    private static final RedisScript ACQUIRE =
            RedisScript.fromResource(RedisConcurrencyLimiter.class, "lease-acquire.lua");
    private static final byte[] EMPTY = new byte[0];

    private final RedisPlumbing redis;
    private final byte[] limitArg;
    private final byte[] timeoutArg;
    private final FailurePolicy failurePolicy;
    private final GuardedRedis calls;
    private final @Nullable LocalConcurrencyLimiter fallback;
    private final @Nullable LongSupplier testClock;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();

    /**
     * Creates a limiter.
     *
     * @param name the limiter's name, part of its keys
     * @param config its rules
     * @param redis the connection
     * @param calls the guarded way to Redis
     * @param scheduler the time source of blocking waits and the local fallback
     * @param testClock for tests only: the script's time in epoch milliseconds; null in production
     */
    public RedisConcurrencyLimiter(
            String name,
            ConcurrencyLimiterConfig config,
            HeadroomRedis redis,
            GuardedRedis calls,
            Scheduler scheduler,
            @Nullable LongSupplier testClock) {
        super(name, config.limit(), scheduler, 1_000_000L, 50_000_000L);
        this.redis = RedisPlumbing.of(redis);
        this.limitArg = ascii(Integer.toString(limit));
        this.timeoutArg = ascii(Long.toString(config.leaseTimeout().toMillis()));
        this.failurePolicy = config.failurePolicy();
        this.calls = calls;
        this.testClock = testClock;
        this.fallback = failurePolicy.mode() == FailurePolicy.Mode.LOCAL_FALLBACK
                ? new LocalConcurrencyLimiter(
                        name, Math.max(1, (int) Math.floor(limit * failurePolicy.share())), config.maxKeys(), scheduler)
                : null;
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        this.idPrefix = HexFormat.of().formatHex(random) + ':';
    }

    /**
     * Creates a limiter with a breaker of its own, on Redis time.
     *
     * @param name the limiter's name
     * @param config its rules
     * @param redis the connection
     * @param scheduler the time source
     * @return the limiter
     */
    public static RedisConcurrencyLimiter create(
            String name, ConcurrencyLimiterConfig config, HeadroomRedis redis, Scheduler scheduler) {
        return new RedisConcurrencyLimiter(
                name,
                config,
                redis,
                Guards.of(config.redisBreaker(), "concurrency", name, scheduler.ticker()),
                scheduler,
                null);
    }

    @Override
    public int inFlight(String key) {
        byte[] redisKey = key(key);
        return calls.call(() -> (int) (long) redis.sync().zcard(redisKey), failure -> {
            counters.redisFailure();
            LocalConcurrencyLimiter local = fallback;
            return local == null ? 0 : local.inFlight(key);
        });
    }

    @Override
    public GuardedRedis guard() {
        return calls;
    }

    @Override
    public Lease tryAcquire(String key) {
        byte[] redisKey = key(key);
        byte[] id = ascii(idPrefix + ids.incrementAndGet());
        return calls.call(
                () -> {
                    long open = redis.scripts()
                            .run(
                                    ACQUIRE,
                                    ScriptOutput.INTEGER,
                                    new byte[][] {redisKey},
                                    limitArg,
                                    timeoutArg,
                                    id,
                                    testClock == null ? EMPTY : ascii(Long.toString(testClock.getAsLong())));
                    counters.count(Decision.Source.REDIS, open >= 0);
                    return open >= 0 ? new Held(redisKey, id) : OnceLease.REFUSED;
                },
                failure -> fallback(key, failure));
    }

    private Lease fallback(String key, Throwable failure) {
        counters.redisFailure();
        LOG.debug("concurrency limiter '{}' answers by {}: {}", name, failurePolicy, failure.toString());
        Lease lease = switch (failurePolicy.mode()) {
            case FAIL_OPEN -> Unchecked.INSTANCE;
            case FAIL_CLOSED -> OnceLease.REFUSED;
            case LOCAL_FALLBACK -> {
                LocalConcurrencyLimiter local = fallback;
                yield local == null ? OnceLease.REFUSED : local.tryAcquire(key);
            }
        };
        counters.count(FailureSources.of(failurePolicy), lease.isAcquired());
        return lease;
    }

    private byte[] key(String key) {
        return (RedisKeys.PREFIX + ":{cl:" + name + ':' + UserKeys.canonical(key) + '}')
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "RedisConcurrencyLimiter{" + name + ", limit=" + limit + ", " + failurePolicy + '}';
    }

    /** An open lease; its close removes it from Redis, or leaves it to expire if Redis is away. */
    private final class Held extends OnceLease {
        private final byte[] key;
        private final byte[] id;

        Held(byte[] key, byte[] id) {
            this.key = key;
            this.id = id;
        }

        @Override
        void release() {
            calls.call(() -> redis.sync().zrem(key, id), failure -> {
                counters.redisFailure();
                LOG.debug("lease of '{}' not released, it expires on its own: {}", name, failure.toString());
                return 0L;
            });
        }
    }

    /** A lease granted without Redis by a fail-open policy: nothing to release. */
    private static final class Unchecked extends OnceLease {
        static final Unchecked INSTANCE = new Unchecked();

        @Override
        void release() {}
    }
}
