package dev.headroom.cache.internal;

/** What a read may do with one copy of a value at one instant: {@link Freshness#judge}'s answer. */
enum Verdict {
    /** Fresh: serve it. */
    FRESH,
    /** Fresh, and early refresh says to replace it now: serve it and refresh in the background. */
    FRESH_REFRESH_EARLY,
    /** Fresh by its TTL, but a local copy past the local TTL cap: Redis must be asked first. */
    UNCONFIRMED,
    /** Past its TTL, within stale-while-revalidate: serve it while one refresh replaces it. */
    REVALIDATE,
    /** Past every grace but stale-if-error's, or past all of them: do not serve it as it is. */
    EXPIRED;

    /** Whether the copy is served as a hit. */
    boolean fresh() {
        return this == FRESH || this == FRESH_REFRESH_EARLY;
    }
}
