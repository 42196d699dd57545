package dev.headroom.cache;

import java.util.Map;
import java.util.Set;

/**
 * Computes the values of several keys in one call, as a database {@code IN (...)} query would.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface BulkCacheLoader<V> {

    /**
     * Computes values for the keys the cache does not have.
     *
     * @param keys the missing keys, not empty
     * @return the values found; a key left out is absent (cached as absent when {@link
     *     TrafficCacheConfig#negativeTtl()} is not zero); keys not asked for are ignored
     * @throws Exception if the values cannot be computed
     */
    Map<String, V> loadAll(Set<String> keys) throws Exception;
}
