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
 * The in-memory tier: two Caffeine maps of the same entries, expiring on the cache's ticker.
 *
 * <p>The <em>hot</em> map holds an entry only while a hit may be served without a further check:
 * fresh, within the local TTL cap, and before early refresh could fire. A hit is thus one Caffeine
 * lookup and an epoch comparison, with no clock read or random draw of our own. The <em>kept</em>
 * map holds the entry for as long as it may be served at all (stale grace included); the slower
 * path consults it for stale values, early refresh near expiry, and values beyond the cap while
 * Redis is down. Both maps have the configured bound.
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
            this.hot = build(config, ticker, executor, weigher, maximumWeight, Deadline.HOT, false);
            this.kept = build(config, ticker, executor, weigher, maximumWeight, Deadline.KEPT, true);
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

    private enum Deadline {
        HOT,
        KEPT
    }

    private Cache<String, LocalEntry> build(
            TrafficCacheConfig config,
            Ticker ticker,
            Executor executor,
            @Nullable Weigher weigher,
            long maximumWeight,
            Deadline deadline,
            boolean countEvictions) {
        Caffeine<String, LocalEntry> builder = Caffeine.newBuilder()
                .ticker(ticker::nanoTime)
                .executor(executor)
                .expireAfter(new EntryExpiry(deadline));
        if (weigher == null) {
            builder = builder.maximumSize(config.localMaxEntries());
        } else {
            builder = builder.maximumWeight(maximumWeight).weigher((String key, LocalEntry entry) -> entry.weight);
        }
        if (countEvictions) {
            builder = builder.evictionListener((key, entry, cause) -> {
                if (cause == RemovalCause.SIZE) {
                    counters.evictions.increment();
                }
            });
        }
        return builder.build();
    }

    /** The value a hit may serve now, or null: the hit path. */
    @Nullable
    Object hotValue(String key) {
        Cache<String, LocalEntry> map = hot;
        if (map == null) {
            return null;
        }
        LocalEntry entry = map.getIfPresent(key);
        return entry != null && entry.epoch == epoch.get() ? entry.value : null;
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
        if (now < entry.hotUntil) {
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

    /** Runs pending maintenance, so sizes and evictions are exact; for tests. */
    void cleanUp() {
        Cache<String, LocalEntry> hotMap = hot;
        Cache<String, LocalEntry> keptMap = kept;
        if (hotMap != null && keptMap != null) {
            hotMap.cleanUp();
            keptMap.cleanUp();
        }
    }

    /** Expires an entry at one of its deadlines; reads do not extend it. */
    private static final class EntryExpiry implements Expiry<String, LocalEntry> {
        private final Deadline deadline;

        EntryExpiry(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public long expireAfterCreate(String key, LocalEntry entry, long currentTime) {
            long until = deadline == Deadline.HOT ? entry.hotUntil : entry.keepUntil;
            return Math.max(0, Math.min(Lifetimes.MAX_NANOS, until - currentTime));
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
