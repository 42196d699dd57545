package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Writes values to Redis: encoded in the envelope, kept for their lifetime plus the stale grace,
 * through the load lease when the load holds one. Releases a lease whose load stored nothing.
 */
final class WriteBack {

    private final @Nullable RedisSide redis;
    private final ValueCodec<?> codec;
    private final Lifetimes lifetimes;

    WriteBack(@Nullable RedisSide redis, ValueCodec<?> codec, Lifetimes lifetimes) {
        this.redis = redis;
        this.codec = codec;
        this.lifetimes = lifetimes;
    }

    /**
     * Writes a value under namespace version {@code version}, through the lease when {@code token}
     * is set.
     *
     * @return completes with true if written or there is no Redis tier; false if the version is
     *     unknown, the value does not encode, the lease was lost, or Redis failed
     */
    CompletableFuture<Boolean> write(
            String key,
            Object value,
            long ttlMillis,
            long computedAt,
            long computeNanos,
            long version,
            @Nullable String token) {
        RedisSide side = redis;
        if (side == null || version < 0) {
            return CompletableFuture.completedFuture(side == null);
        }
        byte[] bytes = codec.encode(value, computedAt, computeNanos);
        if (bytes == null) {
            release(key, version, token);
            return CompletableFuture.completedFuture(false);
        }
        long px = lifetimes.redisTtlMillis(lifetimes.effectiveTtlMillis(key, computedAt, ttlMillis));
        byte[] valueKey = side.valueKey(key, version);
        if (token != null) {
            return side.tier().fill(valueKey, side.leaseKey(key, version), token, bytes, px);
        }
        return side.tier().set(valueKey, bytes, px);
    }

    /** Releases the lease {@code token} holds, if any, without waiting. */
    void release(String key, long version, @Nullable String token) {
        RedisSide side = redis;
        if (token != null && side != null) {
            CompletableFuture<Boolean> unused = side.tier().release(side.leaseKey(key, version), token);
        }
    }
}
