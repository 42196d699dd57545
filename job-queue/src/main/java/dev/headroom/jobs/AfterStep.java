package dev.headroom.jobs;

import org.jspecify.annotations.Nullable;

/**
 * The cheap step of a {@link CoalescingQueue} run, after the compute step: side effects such as
 * notifications. It runs on every run, including those whose compute step the skip cache skipped,
 * with the last computed result.
 *
 * @param <K> the key type
 * @param <P> the payload type
 * @param <R> the result type of the {@link ComputeStep}
 */
@FunctionalInterface
public interface AfterStep<K, P, R extends @Nullable Object> {

    /**
     * Acts on a run's result.
     *
     * @param key the key
     * @param payload the payload of this run
     * @param result the result just computed, or the one the skip cache kept
     * @throws Exception to fail the run, which is then retried with backoff
     */
    void after(K key, P payload, R result) throws Exception;
}
