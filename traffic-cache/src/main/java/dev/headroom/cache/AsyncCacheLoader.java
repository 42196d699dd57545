package dev.headroom.cache;

import java.util.concurrent.CompletionStage;

/**
 * Starts computing a value when the cache does not have it, without blocking.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface AsyncCacheLoader<V> {

    /**
     * Starts computing the value. Called on the reading thread (local-only cache) or on the cache's
     * executor, not on a Redis I/O thread unless the executor given to the builder runs tasks there.
     *
     * @return a stage completed with the value (never null), or exceptionally if it cannot be computed
     */
    CompletionStage<V> load();
}
