package dev.headroom.jobs;

import java.util.Map;
import java.util.Set;

/**
 * What a {@link CoalescingQueue} shutdown did not get done, so the caller can persist or log it.
 *
 * @param notRun the payloads that never ran, by key: dropped by {@link
 *     ShutdownPolicy#DROP_PENDING}, still waiting when the timeout hit, or failed during the
 *     shutdown (no retries then)
 * @param stillRunning the keys whose run had not finished when the timeout hit; they may still
 *     finish later
 * @param <K> the key type
 * @param <P> the payload type
 */
public record ShutdownReport<K, P>(Map<K, P> notRun, Set<K> stillRunning) {

    /**
     * Copies the collections.
     *
     * @param notRun the payloads that never ran, by key
     * @param stillRunning the keys still running at the timeout
     */
    public ShutdownReport {
        notRun = Map.copyOf(notRun);
        stillRunning = Set.copyOf(stillRunning);
    }

    /**
     * Says whether everything submitted before the shutdown ran to its end.
     *
     * @return true if nothing was dropped and nothing was still running
     */
    public boolean complete() {
        return notRun.isEmpty() && stillRunning.isEmpty();
    }
}
