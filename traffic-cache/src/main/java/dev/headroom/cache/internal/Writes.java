package dev.headroom.cache.internal;

import dev.headroom.core.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Values the caller stores directly: {@code put} replaces one value on every tier and tells other
 * instances; {@code warm} stores many, with pipelined Redis writes.
 */
final class Writes {

    private final Ticker ticker;
    private final LocalTier local;
    private final Entries entries;
    private final WriteBack writeBack;
    private final Invalidations invalidations;
    private final @Nullable RedisSide redis;

    Writes(
            Ticker ticker,
            LocalTier local,
            Entries entries,
            WriteBack writeBack,
            Invalidations invalidations,
            @Nullable RedisSide redis) {
        this.ticker = ticker;
        this.local = local;
        this.entries = entries;
        this.writeBack = writeBack;
        this.invalidations = invalidations;
        this.redis = redis;
    }

    /** See {@link dev.headroom.cache.TrafficCache#put}; {@code key} and {@code value} are checked. */
    boolean put(String key, Object value, long ttlMillis) {
        long computedAt = ticker.wallMillis();
        invalidations.dropLocal(key);
        local.store(key, entries.computed(key, value, ttlMillis, computedAt, 0, local.epoch()));
        return RedisSide.write(redis, (side, version) -> {
            invalidations.blockLeasedWriteBack(key, version);
            boolean written = writeBack
                    .write(key, value, ttlMillis, computedAt, 0, version, null)
                    .join();
            return written && invalidations.announceKey(key, version);
        });
    }

    /** See {@link dev.headroom.cache.TrafficCache#warm}; every key and value is checked. */
    boolean warm(Map<String, ?> values, long ttlMillis) {
        long computedAt = ticker.wallMillis();
        int epoch = local.epoch();
        RedisSide side = redis;
        long version = side == null ? -1 : side.currentVersion();
        List<CompletableFuture<Boolean>> written = new ArrayList<>(values.size());
        values.forEach((key, value) -> {
            local.store(key, entries.computed(key, value, ttlMillis, computedAt, 0, epoch));
            written.add(writeBack.write(key, value, ttlMillis, computedAt, 0, version, null));
        });
        boolean all = true;
        for (CompletableFuture<Boolean> write : written) {
            all &= write.join();
        }
        return all;
    }
}
