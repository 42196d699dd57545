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
     * Starts computing the value. Called on the cache's executor, never on a Redis I/O thread.
     *
     * @return a stage completed with the value (never null), or exceptionally if it cannot be computed
     */
    CompletionStage<V> load();
}
