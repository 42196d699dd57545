package dev.headroom.cache;

/**
 * How one read was answered, with the text for a response header such as {@code X-Cache}. The
 * header text is {@code <SOURCE>:<detail>} and never changes for a given outcome, so dashboards may
 * count by it.
 */
public enum CacheOutcome {
    /** A fresh value from the local tier: {@code HIT:memory}. */
    HIT_MEMORY(CacheSource.MEMORY_HIT, "HIT:memory"),
    /** A fresh value from Redis: {@code HIT:redis}. */
    HIT_REDIS(CacheSource.REDIS_HIT, "HIT:redis"),
    /** This read called the loader: {@code MISS:loaded}. */
    MISS_LOADED(CacheSource.MISS, "MISS:loaded"),
    /** Another read in this process called the loader and this one shared its value: {@code MISS:shared}. */
    MISS_SHARED(CacheSource.MISS, "MISS:shared"),
    /** Another instance held the lease, loaded, and this read waited for its value: {@code MISS:leased}. */
    MISS_LEASED(CacheSource.MISS, "MISS:leased"),
    /** An expired value within the stale-while-revalidate grace, while one refresh runs: {@code STALE:revalidating}. */
    STALE_REVALIDATING(CacheSource.STALE, "STALE:revalidating"),
    /** An expired value within the stale-if-error grace, because the loader failed: {@code STALE:error}. */
    STALE_ERROR(CacheSource.STALE, "STALE:error"),
    /** An expired value, because another instance holds the lease and is loading: {@code STALE:leased}. */
    STALE_LEASED(CacheSource.STALE, "STALE:leased");

    private final CacheSource source;
    private final String header;

    CacheOutcome(CacheSource source, String header) {
        this.source = source;
        this.header = header;
    }

    /**
     * Returns the kind of source.
     *
     * @return memory hit, Redis hit, miss or stale
     */
    public CacheSource source() {
        return source;
    }

    /**
     * Returns the header text, such as {@code HIT:memory} or {@code STALE:error}.
     *
     * @return a constant string
     */
    public String header() {
        return header;
    }
}
