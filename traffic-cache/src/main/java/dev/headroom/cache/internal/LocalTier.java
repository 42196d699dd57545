package dev.headroom.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.Ticker;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory tier: two Caffeine maps of the same entries.
 *
 * <p>The <em>hot</em> map serves the hit path. It is bounded by size only, so a read of it costs
 * what a read of a plain bounded Caffeine cache costs; the hit path then reads the ticker once and
 * serves the entry only before its {@code hotUntil}: fresh, within the local TTL cap, and before
 * early refresh could fire. No random draw, no decode, no allocation.
 *
 * <p>The <em>kept</em> map holds each entry for as long as it may be served at all (stale grace
 * included) and expires it on the cache's ticker through Caffeine's variable expiry (whose timer
 * wheel would cost every hot read if the hot map used it). The slow path consults it for stale
 * values, early refresh near expiry, and values beyond the cap while Redis is down. When the kept
 * map drops an entry, for time or for room, the hot map drops it too, so the hot map holds nothing
 * the kept map has let go. Both maps have the configured bound.
 *
 * <p>Entries carry the epoch in which they were fetched. {@link #reset()} moves the epoch on, which
 * makes every earlier entry unservable at once (even one being stored concurrently), and then
 * clears the maps.
 */
final class LocalTier {

    private final @Nullable Cache<String, LocalEntry> hot;
    private final @Nullable Cache<String, LocalEntry> kept;
    private final AtomicInteger epoch = new AtomicInteger();
    private final Ticker ticker;
    private final Counters counters;

    LocalTier(
            TrafficCacheConfig config,
            Ticker ticker,
            Executor executor,
            Counters counters,
            @Nullable Weigher weigher,
            long maximumWeight) {
        this.ticker = ticker;
        this.counters = counters;
        if (config.localTier()) {
            Cache<String, LocalEntry> hotMap = bounded(Caffeine.newBuilder(), config, weigher, maximumWeight)
                    .executor(executor)
                    .build();
            this.hot = hotMap;
            this.kept = bounded(Caffeine.newBuilder(), config, weigher, maximumWeight)
                    .ticker(ticker::nanoTime)
                    .executor(executor)
                    .expireAfter(new KeptExpiry())
                    .evictionListener((@Nullable String key, @Nullable LocalEntry entry, RemovalCause cause) -> {
                        if (key != null && entry != null) {
                            hotMap.asMap().remove(key, entry);
                        }
                        if (cause == RemovalCause.SIZE) {
                            counters.evictions.increment();
                        }
                    })
                    .build();
        } else {
            this.hot = null;
            this.kept = null;
        }
    }

    /** Weighs a stored value (or {@link Absent#INSTANCE}). */
    @FunctionalInterface
    interface Weigher {
        int weigh(Object value);
    }

    private static Caffeine<Object, Object> bounded(
            Caffeine<Object, Object> builder,
            TrafficCacheConfig config,
            @Nullable Weigher weigher,
            long maximumWeight) {
        if (weigher == null) {
            return builder.maximumSize(config.localMaxEntries());
        }
        return builder.maximumWeight(maximumWeight).weigher((Object key, Object entry) -> ((LocalEntry) entry).weight);
    }

    /** The value a hit may serve now, or null: the hit path. */
    @Nullable
    Object hotValue(String key) {
        Cache<String, LocalEntry> map = hot;
        if (map == null) {
            return null;
        }
        LocalEntry entry = map.getIfPresent(key);
        return entry != null && entry.epoch == epoch.get() && ticker.nanoTime() < entry.hotUntil ? entry.value : null;
    }

    /** The kept entry of {@code key} from the current epoch, or null. */
    @Nullable
    LocalEntry entry(String key) {
        Cache<String, LocalEntry> map = kept;
        if (map == null) {
            return null;
        }
        LocalEntry entry = map.getIfPresent(key);
        return entry != null && entry.epoch == epoch.get() ? entry : null;
    }

    /** Stores an entry, unless its epoch has passed. */
    void store(String key, LocalEntry entry) {
        Cache<String, LocalEntry> hotMap = hot;
        Cache<String, LocalEntry> keptMap = kept;
        if (hotMap == null || keptMap == null || entry.epoch != epoch.get()) {
            return;
        }
        long now = ticker.nanoTime();
        if (now < entry.keepUntil) {
            keptMap.put(key, entry);
        }
        if (now < entry.hotUntil && now < entry.keepUntil) {
            hotMap.put(key, entry);
        } else {
            hotMap.invalidate(key);
        }
    }

    /** Puts a kept entry back on the hit path, after the hot map dropped it for want of room. */
    void promote(String key, LocalEntry entry, long now) {
        Cache<String, LocalEntry> hotMap = hot;
        if (hotMap != null && now < entry.hotUntil && entry.epoch == epoch.get()) {
            hotMap.put(key, entry);
        }
    }

    void invalidate(String key) {
        Cache<String, LocalEntry> hotMap = hot;
        Cache<String, LocalEntry> keptMap = kept;
        if (hotMap != null && keptMap != null) {
            hotMap.invalidate(key);
            keptMap.invalidate(key);
        }
    }

    /** Makes every entry stored so far unservable, then drops them. */
    void reset() {
        epoch.incrementAndGet();
        counters.localResets.increment();
        Cache<String, LocalEntry> hotMap = hot;
        Cache<String, LocalEntry> keptMap = kept;
        if (hotMap != null && keptMap != null) {
            hotMap.invalidateAll();
            keptMap.invalidateAll();
        }
    }

    int epoch() {
        return epoch.get();
    }

    long size() {
        Cache<String, LocalEntry> keptMap = kept;
        return keptMap == null ? 0 : keptMap.estimatedSize();
    }

    /** Expires a kept entry when it may no longer be served at all; reads do not extend it. */
    private static final class KeptExpiry implements Expiry<String, LocalEntry> {
        @Override
        public long expireAfterCreate(String key, LocalEntry entry, long currentTime) {
            return Math.max(0, Math.min(Lifetimes.MAX_NANOS, entry.keepUntil - currentTime));
        }

        @Override
        public long expireAfterUpdate(String key, LocalEntry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, LocalEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
