package dev.headroom.jobs;

import org.jspecify.annotations.Nullable;

/**
 * The work a {@link JobWorker} does for each job. Runs at least once per job: a job whose worker
 * died runs again, so handlers should be idempotent.
 *
 * @param <P> the payload type
 * @param <R> the result type
 */
@FunctionalInterface
public interface JobHandler<P, R> {

    /**
     * Handles a job.
     *
     * @param job the job
     * @return the result, stored with the job (null stores none)
     * @throws PermanentJobFailure to fail the job at once, without retries
     * @throws Exception to fail this attempt: the job retries after its backoff, or is
     *     dead-lettered after its last attempt
     */
    @Nullable
    R handle(Job<P> job) throws Exception;
}
