package dev.headroom.cache;

/** Where a read's value came from, in four kinds; {@link CacheOutcome} says more. */
public enum CacheSource {
    /** Served from the local (in-memory) tier. */
    MEMORY_HIT,
    /** Read from Redis. */
    REDIS_HIT,
    /** Not cached: the value was loaded, by this read or by one it waited for. */
    MISS,
    /** An expired value served within a grace period. */
    STALE
}
