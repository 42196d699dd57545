package dev.headroom.jobs;

/**
 * Counters of one {@link JobQueue} instance (not of the shared store): what this process added and
 * what its workers did. Totals since the queue was built.
 *
 * @param added jobs added
 * @param duplicates adds refused because the job id existed
 * @param debounced adds that replaced a pending debounced job's payload or became a follow-up
 * @param completed jobs this process's workers completed
 * @param retried failed attempts scheduled to retry
 * @param failed jobs failed for good (permanent failure or undecodable payload)
 * @param dead jobs dead-lettered after their last attempt
 * @param leasesLost jobs whose lease this process lost before finishing them (their result was
 *     discarded; another worker runs them)
 * @param storeErrors calls to the store that failed or that the circuit breaker refused
 */
public record JobQueueStats(
        long added,
        long duplicates,
        long debounced,
        long completed,
        long retried,
        long failed,
        long dead,
        long leasesLost,
        long storeErrors) {}
