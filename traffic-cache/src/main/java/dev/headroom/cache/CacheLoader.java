package dev.headroom.cache;

/**
 * Computes a value when the cache does not have it, on the thread of the read that missed (or on a
 * background thread for a refresh).
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface CacheLoader<V> {

    /**
     * Computes the value.
     *
     * @return the value; never null (load absent values through {@link
     *     TrafficCache#getOrSetOptional} instead)
     * @throws Exception if the value cannot be computed; it reaches the caller only when there is no
     *     stale value to serve
     */
    V load() throws Exception;
}
