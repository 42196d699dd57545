package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiterConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis limiter: every decision is one {@code EVALSHA} of {@code rate-limit.lua}, which reads
 * the time from Redis {@code TIME}, decides over every limit and key, and writes all or nothing.
 *
 * <p><b>Key layout.</b> {@code hr:{rl:<policy>:<first key>}:<scope>:<limit>} for the first scope's
 * limits and {@code hr:{rl:<policy>:<first key>}:<scope>:<key>:<limit>} for the others, every user
 * key in its {@link UserKeys#canonical(String) canonical form}, which has no brace and at most a
 * few hundred bytes: every key of a decision has the first key's hash tag, so a decision runs on
 * one Redis Cluster node.
 *
 * <p><b>Failures.</b> A failed or refused call is answered by the {@link FailurePolicy}, counted,
 * and never thrown; its {@link GuardedRedis} decides whether Redis is tried at all.
 *
 * <p><b>Test hook.</b> A non-null {@code testClock} (microseconds since the epoch) is sent as the
 * script's time instead of letting it read {@code TIME}, so the contract tests drive Redis with a
 * manual clock. {@link #create} never sets it: production time always comes from Redis.
 */
public final class RedisRateLimiter extends PolicyRateLimiter implements RedisBacked {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final RedisScript SCRIPT = RedisScript.fromResource(RedisRateLimiter.class, "rate-limit.lua");
    private static final RedisScript BUCKET = RedisScript.fromResource(RedisRateLimiter.class, "bucket.lua");
    private static final byte[] EMPTY = new byte[0];
    private static final byte[][] SMALL_PERMITS = new byte[16][];
    private static final long MICRO = 1_000L;

    static {
        for (int i = 0; i < SMALL_PERMITS.length; i++) {
            SMALL_PERMITS[i] = ascii(Integer.toString(i));
        }
    }

    private final RedisPlumbing redis;
    private final FailurePolicy failurePolicy;
    private final GuardedRedis calls;
    private final @Nullable LongSupplier testClock;
    private volatile Config config;

    /**
     * Creates a limiter.
     *
     * @param policy what it enforces
     * @param config its failure policy and the key bound of its local fallback
     * @param redis the connection
     * @param calls the guarded way to Redis
     * @param scheduler the time source of blocking waits and the local fallback
     * @param testClock for tests only: the script's time in microseconds; null in production
     */
    public RedisRateLimiter(
            RateLimitPolicy policy,
            RateLimiterConfig config,
            HeadroomRedis redis,
            GuardedRedis calls,
            Scheduler scheduler,
            @Nullable LongSupplier testClock) {
        super(scheduler);
        this.redis = RedisPlumbing.of(redis);
        this.failurePolicy = config.failurePolicy();
        this.calls = calls;
        this.testClock = testClock;
        this.config = new Config(
                policy,
                failurePolicy.mode() == FailurePolicy.Mode.LOCAL_FALLBACK
                        ? new LocalRateLimiter(policy.scaled(failurePolicy.share()), config.maxKeys(), scheduler)
                        : null);
    }

    /**
     * Creates a limiter with a breaker of its own, on Redis time.
     *
     * @param policy what it enforces
     * @param config how it runs
     * @param redis the connection
     * @param scheduler the time source
     * @return the limiter
     */
    public static RedisRateLimiter create(
            RateLimitPolicy policy, RateLimiterConfig config, HeadroomRedis redis, Scheduler scheduler) {
        return new RedisRateLimiter(
                policy,
                config,
                redis,
                Guards.of(config.redisBreaker(), "ratelimit", policy.name(), scheduler.ticker()),
                scheduler,
                null);
    }

    @Override
    public RateLimitPolicy policy() {
        return config.policy;
    }

    @Override
    public GuardedRedis guard() {
        return calls;
    }

    @Override
    public Decision tryAcquire(String key, int permits) {
        Config c = config;
        if (c.policy.scopes().size() != 1) {
            throw Arguments.wrongCount(c.policy, 1);
        }
        return decide(c, c.keys(key), key, null, permits);
    }

    @Override
    public Decision tryAcquire(List<String> keys, int permits) {
        Config c = config;
        return decide(c, c.keys(keys), keys.get(0), keys, permits);
    }

    @Override
    public CompletableFuture<Decision> tryAcquireAsync(String key, int permits) {
        Config c = config;
        if (c.policy.scopes().size() != 1) {
            throw Arguments.wrongCount(c.policy, 1);
        }
        return decideAsync(c, c.keys(key), key, null, permits);
    }

    @Override
    public CompletableFuture<Decision> tryAcquireAsync(List<String> keys, int permits) {
        Config c = config;
        return decideAsync(c, c.keys(keys), keys.get(0), keys, permits);
    }

    @Override
    void apply(RateLimitPolicy policy) {
        LocalRateLimiter fallback = config.fallback;
        if (fallback != null) {
            fallback.updatePolicy(policy.scaled(failurePolicy.share()));
        }
        config = new Config(policy, fallback);
    }

    /**
     * One decision. {@code keys} is null when the caller gave the single scope's key alone: the list
     * is made only if the failure policy needs it.
     */
    private Decision decide(Config c, byte[][] redisKeys, String first, @Nullable List<String> keys, int permits) {
        Arguments.requirePermits(permits);
        return calls.call(
                () -> counters.count(onRedis(c, redisKeys, permits)),
                failure -> fallback(c, first, keys, permits, failure));
    }

    private CompletableFuture<Decision> decideAsync(
            Config c, byte[][] redisKeys, String first, @Nullable List<String> keys, int permits) {
        Arguments.requirePermits(permits);
        return calls.callAsync(
                () -> onRedisAsync(c, redisKeys, permits).thenApply(counters::count),
                failure -> fallback(c, first, keys, permits, failure));
    }

    /** One script, the lean one for a single bucket; throws if Redis does. */
    private Decision onRedis(Config c, byte[][] redisKeys, int permits) {
        if (c.singleBucket) {
            long reply = redis.scripts().run(BUCKET, ScriptOutput.INTEGER, redisKeys, c.bucketArgs(permits, testClock));
            return c.bucketDecision(reply, permits);
        }
        return c.decision(redis.scripts().run(SCRIPT, ScriptOutput.MULTI, redisKeys, c.args(permits, testClock)));
    }

    private CompletableFuture<Decision> onRedisAsync(Config c, byte[][] redisKeys, int permits) {
        if (c.singleBucket) {
            return redis.scripts()
                    .runAsync(BUCKET, ScriptOutput.INTEGER, redisKeys, c.bucketArgs(permits, testClock))
                    .thenApply(reply -> c.bucketDecision(reply, permits));
        }
        return redis.scripts()
                .runAsync(SCRIPT, ScriptOutput.MULTI, redisKeys, c.args(permits, testClock))
                .thenApply(c::decision);
    }

    private Decision fallback(Config c, String first, @Nullable List<String> keys, int permits, Throwable failure) {
        counters.redisFailure();
        LOG.debug("rate limiter '{}' answers by {}: {}", c.policy.name(), failurePolicy, failure.toString());
        Limit limit = c.policy.scopes().get(0).limits().get(0);
        Decision decision = switch (failurePolicy.mode()) {
            case FAIL_OPEN ->
                new Decision(true, c.policy.name(), limit, limit.quota(), 0, 0, Decision.Source.FAIL_OPEN);
            case FAIL_CLOSED ->
                new Decision(
                        false,
                        c.policy.name(),
                        limit,
                        0,
                        failurePolicy.retryAfter().toNanos(),
                        failurePolicy.retryAfter().toNanos(),
                        Decision.Source.FAIL_CLOSED);
            case LOCAL_FALLBACK ->
                relabel(requireFallback(c).tryAcquire(keys != null ? keys : List.of(first), permits));
        };
        return counters.count(decision);
    }

    private static LocalRateLimiter requireFallback(Config c) {
        LocalRateLimiter fallback = c.fallback;
        if (fallback == null) {
            throw new IllegalStateException("no local fallback for " + c.policy.name());
        }
        return fallback;
    }

    private static Decision relabel(Decision local) {
        return new Decision(
                local.isAllowed(),
                local.policy(),
                local.limit(),
                local.remaining(),
                local.resetNanos(),
                local.retryAfterNanos(),
                Decision.Source.LOCAL_FALLBACK);
    }

    @Override
    public String toString() {
        return "RedisRateLimiter{" + config.policy + ", " + failurePolicy + ", " + counters + '}';
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The policy in force with everything a call needs precomputed. */
    private static final class Config {
        final RateLimitPolicy policy;
        final @Nullable LocalRateLimiter fallback;
        final Limit[] limits;
        final int[] scopeOf;
        final String[] suffixes;
        final byte[][] limitArgs;
        /** One scope with one bucket: decided by the lean {@code bucket.lua}. */
        final boolean singleBucket;
        /** <code>hr:{rl:&lt;policy&gt;:</code> in UTF-8: what precedes the first key in every key. */
        private final byte[] keyHead;
        /** Per limit of the first scope, what follows the first key: <code>}:&lt;scope&gt;:&lt;limit&gt;</code>. */
        private final byte[][] keyTails;
        /** bucket.lua's production arguments for 0 to 15 permits: cost and tau, and the debt if any. */
        private final byte[][][] bucketArgs;

        Config(RateLimitPolicy policy, @Nullable LocalRateLimiter fallback) {
            this.policy = policy;
            this.fallback = fallback;
            int count = 0;
            for (RateLimitPolicy.Scope scope : policy.scopes()) {
                count += scope.limits().size();
            }
            limits = new Limit[count];
            scopeOf = new int[count];
            suffixes = new String[count];
            limitArgs = new byte[count * 4][];
            int i = 0;
            for (int s = 0; s < policy.scopes().size(); s++) {
                RateLimitPolicy.Scope scope = policy.scopes().get(s);
                for (Limit limit : scope.limits()) {
                    limits[i] = limit;
                    scopeOf[i] = s;
                    suffixes[i] = limit.name();
                    fillArgs(limit, i * 4);
                    i++;
                }
            }
            singleBucket = count == 1 && limits[0].isBucket();
            keyHead = utf8(RedisKeys.PREFIX + ":{rl:" + policy.name() + ':');
            keyTails = new byte[policy.scopes().get(0).limits().size()][];
            for (int l = 0; l < keyTails.length; l++) {
                keyTails[l] = utf8("}:" + policy.scopes().get(0).name() + ':' + suffixes[l]);
            }
            bucketArgs = new byte[singleBucket ? SMALL_PERMITS.length : 0][][];
            for (int p = 0; p < bucketArgs.length; p++) {
                bucketArgs[p] = newBucketArgs(p, null);
            }
        }

        private void fillArgs(Limit limit, int at) {
            if (limit.isBucket()) {
                long interval = limit.intervalNanos() / MICRO;
                limitArgs[at] = ascii("t");
                limitArgs[at + 1] = ascii(Long.toString(interval));
                limitArgs[at + 2] = ascii(Long.toString(interval * limit.quota()));
                limitArgs[at + 3] = ascii(Long.toString(interval * (limit.quota() - limit.initialTokens())));
            } else {
                limitArgs[at] = ascii(limit.algorithm() == Limit.Algorithm.FIXED_WINDOW ? "f" : "s");
                limitArgs[at + 1] = ascii(Long.toString(limit.windowNanos() / MICRO));
                limitArgs[at + 2] = ascii(Long.toString(limit.quota()));
                limitArgs[at + 3] = ascii("0");
            }
        }

        /** The Redis keys of a single-scope policy, whose one key the caller has checked the count of. */
        byte[][] keys(String key) {
            String id = UserKeys.canonical(key);
            byte[][] result = new byte[keyTails.length][];
            for (int i = 0; i < result.length; i++) {
                result[i] = firstScopeKey(id, keyTails[i]);
            }
            return result;
        }

        /**
         * {@code head + id + tail} in UTF-8; an ASCII id, the usual case, is copied straight into the
         * result.
         */
        private byte[] firstScopeKey(String id, byte[] tail) {
            int length = id.length();
            byte[] result = new byte[keyHead.length + length + tail.length];
            System.arraycopy(keyHead, 0, result, 0, keyHead.length);
            int at = keyHead.length;
            for (int i = 0; i < length; i++) {
                char ch = id.charAt(i);
                if (ch >= 0x80) {
                    byte[] encoded = utf8(id);
                    result = new byte[keyHead.length + encoded.length + tail.length];
                    System.arraycopy(keyHead, 0, result, 0, keyHead.length);
                    System.arraycopy(encoded, 0, result, keyHead.length, encoded.length);
                    System.arraycopy(tail, 0, result, keyHead.length + encoded.length, tail.length);
                    return result;
                }
                result[at++] = (byte) ch;
            }
            System.arraycopy(tail, 0, result, at, tail.length);
            return result;
        }

        byte[][] keys(List<String> keys) {
            if (keys.size() != policy.scopes().size()) {
                throw Arguments.wrongCount(policy, keys.size());
            }
            if (keys.size() == 1) {
                return keys(keys.get(0));
            }
            String[] ids = new String[keys.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = UserKeys.canonical(keys.get(i));
            }
            String tagged = RedisKeys.PREFIX + ":{rl:" + policy.name() + ':' + ids[0] + "}:";
            byte[][] result = new byte[limits.length][];
            for (int i = 0; i < limits.length; i++) {
                int s = scopeOf[i];
                String scopeName = policy.scopes().get(s).name();
                String key = s == 0
                        ? tagged + scopeName + ':' + suffixes[i]
                        : tagged + scopeName + ':' + ids[s] + ':' + suffixes[i];
                result[i] = key.getBytes(StandardCharsets.UTF_8);
            }
            return result;
        }

        /** rate-limit.lua's arguments: permits, the test time or '', then four per limit. */
        byte[][] args(int permits, @Nullable LongSupplier testClock) {
            byte[][] args = new byte[2 + limitArgs.length][];
            args[0] = permits < SMALL_PERMITS.length ? SMALL_PERMITS[permits] : ascii(Integer.toString(permits));
            args[1] = testClock == null ? EMPTY : ascii(Long.toString(testClock.getAsLong()));
            System.arraycopy(limitArgs, 0, args, 2, limitArgs.length);
            return args;
        }

        /**
         * bucket.lua's arguments: cost (permits x interval), tau, then the initial debt only if it is
         * not 0 or a test time follows it. Production calls with few permits share arrays made once;
         * Lettuce only reads them.
         */
        byte[][] bucketArgs(int permits, @Nullable LongSupplier testClock) {
            if (testClock == null && permits < bucketArgs.length) {
                return bucketArgs[permits];
            }
            return newBucketArgs(permits, testClock);
        }

        private byte[][] newBucketArgs(int permits, @Nullable LongSupplier testClock) {
            Limit limit = limits[0];
            long interval = limit.intervalNanos() / MICRO;
            long tau = interval * limit.quota();
            long debt = interval * (limit.quota() - limit.initialTokens());
            // More permits than the capacity are never allowed: any cost above tau says so, and the
            // product of a large count and a long interval could overflow.
            long cost = permits > limit.quota() ? tau + 1 : permits * interval;
            int count = testClock != null ? 4 : debt != 0 ? 3 : 2;
            byte[][] args = new byte[count][];
            args[0] = ascii(Long.toString(cost));
            args[1] = ascii(Long.toString(tau));
            if (count > 2) {
                args[2] = ascii(Long.toString(debt));
            }
            if (testClock != null) {
                args[3] = ascii(Long.toString(testClock.getAsLong()));
            }
            return args;
        }

        /** Reads bucket.lua's one-integer reply: microseconds to full, negative-encoded if denied. */
        Decision bucketDecision(long reply, int permits) {
            Limit limit = limits[0];
            long interval = limit.intervalNanos() / MICRO;
            long tau = interval * limit.quota();
            boolean allowed = reply >= 0;
            long reset = allowed ? reply : -1 - reply;
            long remaining = (tau - reset) / interval;
            long retry =
                    allowed ? 0 : permits > limit.quota() ? Decision.NEVER : (reset + permits * interval - tau) * MICRO;
            return new Decision(allowed, policy.name(), limit, remaining, reset * MICRO, retry, Decision.Source.REDIS);
        }

        Decision decision(List<Object> reply) {
            boolean allowed = ((Long) reply.get(0)) == 1L;
            Limit limit = limits[(int) (long) (Long) reply.get(1)];
            long remaining = (Long) reply.get(2);
            long reset = (Long) reply.get(3) * MICRO;
            long retry = (Long) reply.get(4);
            return new Decision(
                    allowed,
                    policy.name(),
                    limit,
                    remaining,
                    reset,
                    retry < 0 ? Decision.NEVER : retry * MICRO,
                    Decision.Source.REDIS);
        }
    }
}
