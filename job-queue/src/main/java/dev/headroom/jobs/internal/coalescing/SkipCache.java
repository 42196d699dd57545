package dev.headroom.jobs.internal.coalescing;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Results by key and payload signature, each valid for a TTL after it was computed. Expired
 * entries are removed when read and by {@link #sweep(long)}, which the queue calls every TTL, so
 * an entry outlives its TTL by at most one TTL.
 */
final class SkipCache<K, R extends @Nullable Object> {

    record Hit<R extends @Nullable Object>(R result, long computedAtNanos) {}

    private record Entry<K>(K key, Object signature) {}

    private final long ttlNanos;
    private final ConcurrentHashMap<Entry<K>, Hit<R>> entries = new ConcurrentHashMap<>();

    SkipCache(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    @Nullable
    Hit<R> get(K key, Object signature, long nowNanos) {
        Entry<K> entry = new Entry<>(key, signature);
        Hit<R> hit = entries.get(entry);
        if (hit == null) {
            return null;
        }
        if (nowNanos - hit.computedAtNanos() >= ttlNanos) {
            entries.remove(entry, hit);
            return null;
        }
        return hit;
    }

    void put(K key, Object signature, R result, long nowNanos) {
        entries.put(new Entry<>(key, signature), new Hit<>(result, nowNanos));
    }

    void sweep(long nowNanos) {
        entries.values().removeIf(hit -> nowNanos - hit.computedAtNanos() >= ttlNanos);
    }

    int size() {
        return entries.size();
    }
}
