package dev.headroom.cache;

/**
 * A value with how the read that produced it was answered.
 *
 * @param value the value
 * @param outcome how the read was answered
 * @param <V> the value type
 */
public record CacheResult<V>(V value, CacheOutcome outcome) {

    /**
     * Returns the kind of source the value came from.
     *
     * @return {@code outcome().source()}
     */
    public CacheSource source() {
        return outcome.source();
    }

    /**
     * Returns the text for a response header, such as {@code HIT:memory}, {@code HIT:redis}, {@code
     * MISS:loaded} or {@code STALE:revalidating}.
     *
     * @return {@code outcome().header()}
     */
    public String header() {
        return outcome.header();
    }

    /**
     * Says whether the value is past its TTL.
     *
     * @return true for the {@link CacheSource#STALE} outcomes
     */
    public boolean isStale() {
        return outcome.source() == CacheSource.STALE;
    }
}
