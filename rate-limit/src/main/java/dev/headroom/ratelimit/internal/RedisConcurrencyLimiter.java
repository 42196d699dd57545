package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;
import dev.headroom.ratelimit.Lease;
import dev.headroom.ratelimit.RateLimiterStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A concurrency limit shared through Redis: per key, a sorted set {@code hr:{cl:<name>:<key>}} of
 * open leases scored by their expiry. Opening a lease is one script ({@code lease-acquire.lua});
 * closing it is one {@code ZREM}. A lease that is never closed (its holder crashed) expires after
 * the lease timeout, so a crash cannot leak a permit for longer. While Redis is unavailable the
 * {@link FailurePolicy} answers: every lease granted, none, or a local limit of this instance's
 * share; each such answer is counted.
 *
 * <p>Test hook: a non-null {@code testClock} (epoch milliseconds) replaces Redis {@code TIME} in
 * the script; production never sets it.
 */
public final class RedisConcurrencyLimiter implements ConcurrencyLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConcurrencyLimiter.class);
    private static final RedisScript ACQUIRE =
            RedisScript.fromResource(RedisConcurrencyLimiter.class, "lease-acquire.lua");
    private static final byte[] EMPTY = new byte[0];

    private final HeadroomRedis redis;
    private final String name;
    private final int limit;
    private final byte[] limitArg;
    private final byte[] timeoutArg;
    private final FailurePolicy failurePolicy;
    private final RedisGuard guard;
    private final Ticker ticker;
    private final @Nullable LocalConcurrencyLimiter fallback;
    private final @Nullable LongSupplier testClock;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final DecisionCounters counters = new DecisionCounters();

    /**
     * Creates a limiter.
     *
     * @param redis the connection
     * @param name the limiter's name, part of its keys
     * @param limit leases per key
     * @param leaseTimeout how long an unclosed lease holds its permit
     * @param failurePolicy what answers while Redis is unavailable
     * @param guard decides whether Redis is called
     * @param ticker the clock of blocking waits
     * @param maxKeys the most keys a local fallback tracks
     * @param testClock for tests only: the script's time in epoch milliseconds; null in production
     */
    public RedisConcurrencyLimiter(
            HeadroomRedis redis,
            String name,
            int limit,
            Duration leaseTimeout,
            FailurePolicy failurePolicy,
            RedisGuard guard,
            Ticker ticker,
            int maxKeys,
            @Nullable LongSupplier testClock) {
        this.redis = redis;
        this.name = name;
        this.limit = limit;
        this.limitArg = ascii(Integer.toString(limit));
        this.timeoutArg = ascii(Long.toString(leaseTimeout.toMillis()));
        this.failurePolicy = failurePolicy;
        this.guard = guard;
        this.ticker = ticker;
        this.testClock = testClock;
        this.fallback = failurePolicy.mode() == FailurePolicy.Mode.LOCAL_FALLBACK
                ? new LocalConcurrencyLimiter(
                        name, Math.max(1, (int) Math.floor(limit * failurePolicy.share())), ticker, maxKeys)
                : null;
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        this.idPrefix = HexFormat.of().formatHex(random) + ':';
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public int inFlight(String key) {
        try {
            return (int) (long) RedisPlumbing.of(redis).sync().zcard(key(key));
        } catch (RuntimeException e) {
            return fallback == null ? 0 : fallback.inFlight(key);
        }
    }

    @Override
    public RateLimiterStats stats() {
        return counters;
    }

    @Override
    public Lease tryAcquire(String key) {
        byte[] redisKey = key(key);
        RedisGuard.Call call = guard.start();
        if (call == null) {
            return fallback(key, null);
        }
        String id = idPrefix + ids.incrementAndGet();
        long open;
        try {
            open = RedisPlumbing.of(redis)
                    .scripts()
                    .run(
                            ACQUIRE,
                            ScriptOutput.INTEGER,
                            new byte[][] {redisKey},
                            limitArg,
                            timeoutArg,
                            ascii(id),
                            testClock == null ? EMPTY : ascii(Long.toString(testClock.getAsLong())));
            call.succeeded();
        } catch (RuntimeException e) {
            call.failed(e);
            return fallback(key, e);
        }
        if (open < 0) {
            counters.count(decision(false, Decision.Source.REDIS));
            return LocalConcurrencyLimiter.Refused.INSTANCE;
        }
        counters.count(decision(true, Decision.Source.REDIS));
        return new Held(redisKey, ascii(id));
    }

    @Override
    public Lease acquire(String key, Duration maxWait) {
        return Blocking.pollLease(ticker, maxWait, 1_000_000L, 50_000_000L, () -> tryAcquire(key));
    }

    private Lease fallback(String key, @Nullable Throwable failure) {
        counters.redisFailure();
        if (failure != null) {
            LOG.debug("concurrency limiter '{}' answers by {}: {}", name, failurePolicy, failure.toString());
        }
        return switch (failurePolicy.mode()) {
            case FAIL_OPEN -> {
                counters.count(decision(true, Decision.Source.FAIL_OPEN));
                yield Unchecked.INSTANCE;
            }
            case FAIL_CLOSED -> {
                counters.count(decision(false, Decision.Source.FAIL_CLOSED));
                yield LocalConcurrencyLimiter.Refused.INSTANCE;
            }
            case LOCAL_FALLBACK -> {
                LocalConcurrencyLimiter local = fallback;
                Lease lease = local == null ? LocalConcurrencyLimiter.Refused.INSTANCE : local.tryAcquire(key);
                counters.count(decision(lease.isAcquired(), Decision.Source.LOCAL_FALLBACK));
                yield lease;
            }
        };
    }

    private Decision decision(boolean allowed, Decision.Source source) {
        return Decision.of(allowed, name, LocalConcurrencyLimiter.LIMIT_MARKER, 0, 0, 0, source);
    }

    private byte[] key(String key) {
        RedisKeys.requireValid("concurrency key", key);
        return (RedisKeys.PREFIX + ":{cl:" + name + ':' + RedisRateLimiter.encode(key) + '}')
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "RedisConcurrencyLimiter{" + name + ", limit=" + limit + ", " + failurePolicy + '}';
    }

    /** An open lease; the first close removes it from Redis, or leaves it to expire if Redis is away. */
    private final class Held implements Lease {
        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(Held.class, "closed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final byte[] key;
        private final byte[] id;

        @SuppressWarnings("UnusedVariable") // Accessed through CLOSED.
        private volatile boolean closed;

        Held(byte[] key, byte[] id) {
            this.key = key;
            this.id = id;
        }

        @Override
        public boolean isAcquired() {
            return true;
        }

        @Override
        public void close() {
            if (CLOSED.compareAndSet(this, false, true)) {
                try {
                    RedisPlumbing.of(redis).sync().zrem(key, id);
                } catch (RuntimeException e) {
                    counters.redisFailure();
                    LOG.debug("lease of '{}' not released, it expires on its own: {}", name, e.toString());
                }
            }
        }
    }

    /** A lease granted without Redis by a fail-open policy: nothing to release. */
    private enum Unchecked implements Lease {
        INSTANCE;

        @Override
        public boolean isAcquired() {
            return true;
        }

        @Override
        public void close() {}
    }
}
