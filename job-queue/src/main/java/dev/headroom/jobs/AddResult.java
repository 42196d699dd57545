package dev.headroom.jobs;

/**
 * The answer to one added job.
 *
 * @param jobId the id of the job that holds the payload: the new job, the existing duplicate, or
 *     the debounce key's pending or running job
 * @param outcome what was done
 */
public record AddResult(String jobId, AddOutcome outcome) {}
