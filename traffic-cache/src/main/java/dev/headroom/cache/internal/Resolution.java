package dev.headroom.cache.internal;

import dev.headroom.cache.CacheOutcome;

/**
 * The answer to one read before it is typed for the caller.
 *
 * @param value the value, or {@link Absent#INSTANCE}
 * @param outcome how the read was answered
 */
record Resolution(Object value, CacheOutcome outcome) {

    /** The same answer as seen by a read that waited for another read's fetch. */
    Resolution shared() {
        return outcome == CacheOutcome.MISS_LOADED ? new Resolution(value, CacheOutcome.MISS_SHARED) : this;
    }
}
