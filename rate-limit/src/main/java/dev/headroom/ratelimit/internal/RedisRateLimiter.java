package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * limits and {@code hr:{rl:<policy>:<first key>}:<scope>:<key>:<limit>} for the others, with
 * {@code %}, <code>{</code> and <code>}</code> in keys percent-encoded: every key of a decision has
 * the first key's hash tag, so a decision runs on one Redis Cluster node.
 *
 * <p><b>Failures.</b> A failed or refused call is answered by the {@link FailurePolicy}, counted,
 * and never thrown. The {@link RedisGuard} decides whether Redis is tried at all.
 *
 * <p><b>Test hook.</b> A non-null {@code testClock} (microseconds since the epoch) is sent as the
 * script's time instead of letting it read {@code TIME}, so the contract tests drive Redis with a
 * manual clock. The public factory never sets it: production time always comes from Redis.
 */
public final class RedisRateLimiter implements RateLimiter {

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

    private final HeadroomRedis redis;
    private final FailurePolicy failurePolicy;
    private final RedisGuard guard;
    private final Ticker ticker;
    private final @Nullable LongSupplier testClock;
    private final DecisionCounters counters = new DecisionCounters();
    private volatile Config config;

    /**
     * Creates a limiter.
     *
     * @param policy what it enforces
     * @param redis the connection
     * @param failurePolicy what answers while Redis is unavailable
     * @param guard decides whether to call Redis and hears how calls end
     * @param ticker the clock for blocking waits and the local fallback
     * @param maxKeys the most keys a local fallback tracks per limit
     * @param testClock for tests only: the script's time in microseconds; null in production
     */
    public RedisRateLimiter(
            RateLimitPolicy policy,
            HeadroomRedis redis,
            FailurePolicy failurePolicy,
            RedisGuard guard,
            Ticker ticker,
            int maxKeys,
            @Nullable LongSupplier testClock) {
        this.redis = redis;
        this.failurePolicy = failurePolicy;
        this.guard = guard;
        this.ticker = ticker;
        this.testClock = testClock;
        this.config = new Config(
                policy,
                failurePolicy.mode() == FailurePolicy.Mode.LOCAL_FALLBACK
                        ? new LocalRateLimiter(policy.scaled(failurePolicy.share()), ticker, maxKeys)
                        : null);
    }

    @Override
    public String name() {
        return config.policy.name();
    }

    @Override
    public RateLimitPolicy policy() {
        return config.policy;
    }

    @Override
    public RateLimiterStats stats() {
        return counters;
    }

    @Override
    public Decision tryAcquire(String key, int permits) {
        Config c = config;
        if (c.policy.scopes().size() != 1) {
            throw Keys.wrongCount(c.policy, 1);
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
            throw Keys.wrongCount(c.policy, 1);
        }
        return decideAsync(c, c.keys(key), key, null, permits);
    }

    @Override
    public CompletableFuture<Decision> tryAcquireAsync(List<String> keys, int permits) {
        Config c = config;
        return decideAsync(c, c.keys(keys), keys.get(0), keys, permits);
    }

    @Override
    public Decision acquire(String key, int permits, Duration maxWait) {
        return Blocking.acquire(ticker, maxWait, () -> tryAcquire(key, permits));
    }

    @Override
    public void updatePolicy(RateLimitPolicy policy) {
        Config current = config;
        if (!current.policy.isCompatibleWith(policy)) {
            throw new IllegalArgumentException(
                    "policy " + policy + " is not compatible with " + current.policy + ": names and scopes must match");
        }
        LocalRateLimiter fallback = current.fallback;
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
        Keys.requirePermits(permits);
        RedisGuard.Call call = guard.start();
        if (call == null) {
            return fallback(c, first, keys, permits, null);
        }
        try {
            Decision decision;
            if (c.singleBucket) {
                long reply = RedisPlumbing.of(redis)
                        .scripts()
                        .run(BUCKET, ScriptOutput.INTEGER, redisKeys, c.bucketArgs(permits, testClock));
                decision = c.bucketDecision(reply, permits);
            } else {
                decision = c.decision(RedisPlumbing.of(redis)
                        .scripts()
                        .run(SCRIPT, ScriptOutput.MULTI, redisKeys, c.args(permits, testClock)));
            }
            call.succeeded();
            return counters.count(decision);
        } catch (RuntimeException e) {
            call.failed(e);
            return fallback(c, first, keys, permits, e);
        }
    }

    private CompletableFuture<Decision> decideAsync(
            Config c, byte[][] redisKeys, String first, @Nullable List<String> keys, int permits) {
        Keys.requirePermits(permits);
        RedisGuard.Call call = guard.start();
        if (call == null) {
            return CompletableFuture.completedFuture(fallback(c, first, keys, permits, null));
        }
        CompletableFuture<Decision> reply;
        try {
            if (c.singleBucket) {
                reply = RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(BUCKET, ScriptOutput.INTEGER, redisKeys, c.bucketArgs(permits, testClock))
                        .thenApply(value -> c.bucketDecision(value, permits));
            } else {
                reply = RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(SCRIPT, ScriptOutput.MULTI, redisKeys, c.args(permits, testClock))
                        .thenApply(c::decision);
            }
        } catch (RuntimeException e) {
            call.failed(e);
            return CompletableFuture.completedFuture(fallback(c, first, keys, permits, e));
        }
        return reply.handle((decision, failure) -> {
            if (failure == null) {
                call.succeeded();
                return counters.count(decision);
            }
            call.failed(failure);
            return fallback(c, first, keys, permits, failure);
        });
    }

    private Decision fallback(
            Config c, String first, @Nullable List<String> keys, int permits, @Nullable Throwable failure) {
        counters.redisFailure();
        if (failure != null) {
            LOG.debug("rate limiter '{}' answers by {}: {}", c.policy.name(), failurePolicy, failure.toString());
        }
        Limit limit = c.policy.scopes().get(0).limits().get(0);
        Decision decision = switch (failurePolicy.mode()) {
            case FAIL_OPEN -> Decision.of(true, c.policy.name(), limit, limit.quota(), 0, 0, Decision.Source.FAIL_OPEN);
            case FAIL_CLOSED ->
                Decision.of(
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
        return Decision.of(
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

    /** Percent-encodes the characters that would change a key's hash tag or its parsing. */
    static String encode(String key) {
        if (key.indexOf('%') < 0 && key.indexOf('{') < 0 && key.indexOf('}') < 0) {
            return key;
        }
        return key.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
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
            RedisKeys.requireValid("rate limit key", key);
            byte[][] result = new byte[keyTails.length][];
            for (int i = 0; i < result.length; i++) {
                result[i] = firstScopeKey(key, keyTails[i]);
            }
            return result;
        }

        /**
         * {@code head + encode(key) + tail} in UTF-8; an ASCII key with nothing to encode, the usual
         * case, is copied straight into the result.
         */
        private byte[] firstScopeKey(String key, byte[] tail) {
            int length = key.length();
            byte[] result = new byte[keyHead.length + length + tail.length];
            System.arraycopy(keyHead, 0, result, 0, keyHead.length);
            int at = keyHead.length;
            for (int i = 0; i < length; i++) {
                char ch = key.charAt(i);
                if (ch >= 0x80 || ch == '%' || ch == '{' || ch == '}') {
                    byte[] encoded = utf8(encode(key));
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
                throw Keys.wrongCount(policy, keys.size());
            }
            if (keys.size() == 1) {
                return keys(keys.get(0));
            }
            for (String key : keys) {
                RedisKeys.requireValid("rate limit key", key);
            }
            String tagged = RedisKeys.PREFIX + ":{rl:" + policy.name() + ':' + encode(keys.get(0)) + "}:";
            byte[][] result = new byte[limits.length][];
            for (int i = 0; i < limits.length; i++) {
                int s = scopeOf[i];
                String scopeName = policy.scopes().get(s).name();
                String key = s == 0
                        ? tagged + scopeName + ':' + suffixes[i]
                        : tagged + scopeName + ':' + encode(keys.get(s)) + ':' + suffixes[i];
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
            return Decision.of(allowed, policy.name(), limit, remaining, reset * MICRO, retry, Decision.Source.REDIS);
        }

        Decision decision(List<Object> reply) {
            boolean allowed = ((Long) reply.get(0)) == 1L;
            Limit limit = limits[(int) (long) (Long) reply.get(1)];
            long remaining = (Long) reply.get(2);
            long reset = (Long) reply.get(3) * MICRO;
            long retry = (Long) reply.get(4);
            return Decision.of(
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
