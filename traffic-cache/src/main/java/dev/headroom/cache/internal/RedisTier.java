package dev.headroom.cache.internal;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's Redis commands, all behind one circuit breaker: every command asks it first (and is
 * not sent while it refuses) and reports to it how it ended and how long it took. Every returned
 * future completes normally, with a stated answer when the breaker refused or Redis failed or timed
 * out (after the connection's command timeout). Nothing here throws or blocks.
 */
final class RedisTier {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

    private static final RedisScript ACQUIRE = RedisScript.fromResource(RedisTier.class, "lease-acquire.lua");
    private static final RedisScript FILL = RedisScript.fromResource(RedisTier.class, "lease-fill.lua");
    private static final RedisScript RELEASE = RedisScript.fromResource(RedisTier.class, "lease-release.lua");
    private static final RedisScript INVALIDATE = RedisScript.fromResource(RedisTier.class, "invalidate.lua");

    private static final byte[] WANT_VALUE = {'1'};
    private static final byte[] IGNORE_VALUE = {'0'};

    private final HeadroomRedis redis;
    private final CircuitBreaker breaker;
    private final Counters counters;
    private final Ticker ticker;
    private final String cacheName;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisTier(HeadroomRedis redis, CircuitBreaker breaker, Counters counters, Ticker ticker, String cacheName) {
        this.redis = redis;
        this.breaker = breaker;
        this.counters = counters;
        this.ticker = ticker;
        this.cacheName = cacheName;
    }

    /** Whether Redis is being skipped (breaker not closed) or its last command failed. */
    boolean degraded() {
        if (failing.get()) {
            return true;
        }
        CircuitBreaker.State state = breaker.state();
        return state == CircuitBreaker.State.OPEN
                || state == CircuitBreaker.State.HALF_OPEN
                || state == CircuitBreaker.State.FORCED_OPEN;
    }

    CompletableFuture<RedisRead> get(byte[] key) {
        return call(() -> RedisPlumbing.of(redis).async().get(key), RedisRead::of, RedisRead.UNAVAILABLE);
    }

    /** One {@code MGET}; on a cluster Lettuce splits it by slot and reassembles the order. */
    CompletableFuture<List<RedisRead>> getAll(List<byte[]> keys) {
        List<RedisRead> unavailable = Collections.nCopies(keys.size(), RedisRead.UNAVAILABLE);
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        byte[][] array = keys.toArray(new byte[0][]);
        return call(
                () -> RedisPlumbing.of(redis).async().mget(array),
                (List<KeyValue<byte[], byte[]>> values) -> {
                    List<RedisRead> reads = new ArrayList<>(values.size());
                    for (KeyValue<byte[], byte[]> value : values) {
                        reads.add(value.hasValue() ? RedisRead.of(value.getValue()) : RedisRead.MISSING);
                    }
                    if (reads.size() != keys.size()) {
                        throw new IllegalStateException("MGET of " + keys.size() + " keys answered " + reads.size());
                    }
                    return reads;
                },
                unavailable);
    }

    CompletableFuture<Boolean> set(byte[] key, byte[] value, long ttlMillis) {
        return call(
                () -> RedisPlumbing.of(redis).async().set(key, value, SetArgs.Builder.px(ttlMillis)),
                reply -> true,
                false);
    }

    CompletableFuture<Boolean> delete(byte[] key) {
        return call(() -> RedisPlumbing.of(redis).async().del(key), reply -> true, false);
    }

    /** Deletes a value and marks its lease invalidated, in one script. */
    CompletableFuture<Boolean> invalidateLeased(byte[] valueKey, byte[] leaseKey, long markMillis) {
        return call(
                () -> RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(
                                INVALIDATE, ScriptOutput.INTEGER, new byte[][] {valueKey, leaseKey}, ascii(markMillis)),
                reply -> true,
                false);
    }

    CompletableFuture<Boolean> publish(byte[] channel, byte[] message) {
        return call(() -> RedisPlumbing.of(redis).async().publish(channel, message), reply -> true, false);
    }

    /** Reads a counter: its value, 0 if it does not exist, -1 if Redis did not answer. */
    CompletableFuture<Long> readCounter(byte[] key) {
        return call(() -> RedisPlumbing.of(redis).async().get(key), RedisTier::parseCounter, -1L);
    }

    /** Increments a counter: its new value, or -1 if Redis did not answer. */
    CompletableFuture<Long> increment(byte[] key) {
        return call(() -> RedisPlumbing.of(redis).async().incr(key), reply -> reply, -1L);
    }

    CompletableFuture<LeaseReply> acquireLease(
            byte[] valueKey, byte[] leaseKey, String token, long ttlMillis, boolean wantValue) {
        return call(
                () -> RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(
                                ACQUIRE,
                                ScriptOutput.MULTI,
                                new byte[][] {valueKey, leaseKey},
                                ascii(token),
                                ascii(ttlMillis),
                                wantValue ? WANT_VALUE : IGNORE_VALUE),
                RedisTier::parseLease,
                LeaseReply.UNAVAILABLE);
    }

    /** Writes a leased load's value; true if written. */
    CompletableFuture<Boolean> fill(byte[] valueKey, byte[] leaseKey, String token, byte[] value, long ttlMillis) {
        return call(
                () -> RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(
                                FILL,
                                ScriptOutput.INTEGER,
                                new byte[][] {valueKey, leaseKey},
                                ascii(token),
                                value,
                                ascii(ttlMillis)),
                reply -> reply == 1L,
                false);
    }

    CompletableFuture<Boolean> release(byte[] leaseKey, String token) {
        return call(
                () -> RedisPlumbing.of(redis)
                        .scripts()
                        .runAsync(RELEASE, ScriptOutput.INTEGER, new byte[][] {leaseKey}, ascii(token)),
                reply -> reply == 1L,
                false);
    }

    private <T, R> CompletableFuture<R> call(
            Supplier<? extends CompletionStage<T>> command, Function<? super T, ? extends R> onReply, R onFailure) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            counters.redisRejections.increment();
            return CompletableFuture.completedFuture(onFailure);
        }
        long start = ticker.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = command.get();
        } catch (RuntimeException e) {
            failed(permit, e, start);
            return CompletableFuture.completedFuture(onFailure);
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        CompletionStage<?> unused = stage.whenComplete((reply, error) -> {
            if (error != null) {
                failed(permit, unwrap(error), start);
                answer.complete(onFailure);
                return;
            }
            R value;
            try {
                value = onReply.apply(reply);
            } catch (RuntimeException e) {
                failed(permit, e, start);
                answer.complete(onFailure);
                return;
            }
            permit.onSuccess(ticker.nanoTime() - start);
            if (failing.get() && failing.compareAndSet(true, false)) {
                LOG.info("cache '{}': Redis answers again", cacheName);
            }
            answer.complete(value);
        });
        return answer;
    }

    private void failed(BreakerPermit permit, Throwable error, long start) {
        permit.onError(error, ticker.nanoTime() - start);
        counters.redisErrors.increment();
        if (!failing.get() && failing.compareAndSet(false, true)) {
            LOG.warn(
                    "cache '{}': Redis failed ({}); reads are answered from memory or the loader until it recovers",
                    cacheName,
                    error.toString());
        } else {
            LOG.debug("cache '{}': Redis command failed: {}", cacheName, error.toString());
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error.getCause();
        return (error instanceof CompletionException || error instanceof ExecutionException) && cause != null
                ? cause
                : error;
    }

    private static Long parseCounter(byte @Nullable [] reply) {
        return reply == null ? 0L : Long.parseLong(new String(reply, StandardCharsets.US_ASCII));
    }

    private static LeaseReply parseLease(List<Object> reply) {
        long code = (Long) reply.get(0);
        if (code == 1L) {
            return LeaseReply.ACQUIRED;
        }
        if (code == 2L) {
            return LeaseReply.value((byte[]) reply.get(1));
        }
        return LeaseReply.HELD;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
