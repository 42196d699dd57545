package dev.headroom.cache.internal;

import dev.headroom.cache.TrafficCacheConfig;

/**
 * Turns a TTL and a write time into deadlines. A value's lifetime is its TTL extended by a jitter
 * that depends only on the key and the write time, so every instance that reads the value from
 * Redis computes the same expiry as the one that wrote it. Readers measure age on their wall clock
 * against the writer's; clock skew between instances shifts freshness by the skew.
 */
final class Lifetimes {

    /** The longest duration handled, about 36 years; longer TTLs are cut to it. */
    static final long MAX_NANOS = Long.MAX_VALUE >> 2;

    static final long MAX_MILLIS = MAX_NANOS / 1_000_000L;

    private final double jitter;
    private final long trustNanos;
    private final long revalidateNanos;
    private final long errorNanos;
    private final long graceMillis;
    private final EarlyRefresh early;

    /**
     * @param capped whether a Redis tier exists, so that local copies are trusted only for the cap
     */
    Lifetimes(TrafficCacheConfig config, boolean capped, EarlyRefresh early) {
        this.jitter = config.ttlJitter();
        this.trustNanos = capped ? nanos(config.localTtlCap().toMillis()) : MAX_NANOS;
        this.revalidateNanos = nanos(config.staleWhileRevalidate().toMillis());
        this.errorNanos = nanos(config.staleIfError().toMillis());
        this.graceMillis = Math.min(
                MAX_MILLIS,
                Math.max(
                        config.staleWhileRevalidate().toMillis(),
                        config.staleIfError().toMillis()));
        this.early = early;
    }

    /** The TTL with this write's jitter, in milliseconds. */
    long effectiveTtlMillis(String key, long computedAtMillis, long ttlMillis) {
        if (jitter == 0) {
            return ttlMillis;
        }
        long extra = (long) (ttlMillis * jitter * Hashing.unit(key, computedAtMillis));
        return Math.min(MAX_MILLIS, ttlMillis + extra);
    }

    /** How long Redis keeps a value: its lifetime plus the longest grace, so stale reads find it. */
    long redisTtlMillis(long effectiveTtlMillis) {
        return Math.max(1, Math.min(MAX_MILLIS, effectiveTtlMillis + graceMillis));
    }

    /**
     * The local entry of a value computed at {@code computedAtMillis} (wall clock), seen at {@code
     * nowNanos}/{@code nowWallMillis}.
     */
    LocalEntry entry(
            String key,
            Object value,
            long ttlMillis,
            long computedAtMillis,
            long computeNanos,
            long nowNanos,
            long nowWallMillis,
            int epoch,
            int weight) {
        long lifetime = effectiveTtlMillis(key, computedAtMillis, ttlMillis);
        long age = Math.max(0, nowWallMillis - computedAtMillis);
        long remaining = Math.max(-MAX_MILLIS, lifetime - age);
        long freshUntil = nowNanos + remaining * 1_000_000L;
        long trustedUntil = Math.min(freshUntil, nowNanos + trustNanos);
        long hotUntil = Math.min(trustedUntil, early.zoneStart(freshUntil, computeNanos));
        return new LocalEntry(
                value,
                computeNanos,
                freshUntil,
                trustedUntil,
                hotUntil,
                freshUntil + revalidateNanos,
                freshUntil + errorNanos,
                epoch,
                weight);
    }

    private static long nanos(long millis) {
        return Math.min(MAX_MILLIS, millis) * 1_000_000L;
    }
}
