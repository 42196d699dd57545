package dev.headroom.jobs;

import org.jspecify.annotations.Nullable;

/**
 * The expensive step of a {@link CoalescingQueue} run: recompute what a key's latest payload
 * implies. Skipped when the skip cache holds a result for the same key and payload signature.
 *
 * @param <K> the key type
 * @param <P> the payload type
 * @param <R> the result type handed to the {@link AfterStep}
 */
@FunctionalInterface
public interface ComputeStep<K, P, R extends @Nullable Object> {

    /**
     * Computes the result for a key's latest payload. Runs on the queue's executor, never twice at
     * once for one key.
     *
     * @param key the key
     * @param payload the latest payload submitted for the key
     * @return the result, handed to the after-step and kept by the skip cache
     * @throws Exception to fail the run, which is then retried with backoff
     */
    R compute(K key, P payload) throws Exception;
}
