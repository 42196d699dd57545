package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobQueueException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what became of a worker's jobs, once per outcome: completed, retried, failed,
 * dead-lettered, lease lost. Store failures are logged the first time and every hundredth time in a
 * row (the store counts them), so that an outage does not flood the log.
 */
final class OutcomeLog {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeLog.class);

    private final String queue;
    private final QueueCounters counters;
    private final AtomicLong storeFailuresInARow = new AtomicLong();

    OutcomeLog(String queue, QueueCounters counters) {
        this.queue = queue;
        this.counters = counters;
    }

    void completed() {
        counters.completed();
    }

    /** A failed attempt was recorded with {@code outcome}. */
    void failed(ActiveJob<?> job, FailOutcome outcome, String error, long retryDelayMs) {
        counters.failed(outcome);
        switch (outcome) {
            case RETRYING ->
                LOG.warn(
                        "job queue '{}': job {} failed (attempt {} of {}); retrying in {} ms: {}",
                        queue,
                        job.id(),
                        job.attempt(),
                        job.leased().maxAttempts(),
                        retryDelayMs,
                        error);
            case FAILED -> LOG.error("job queue '{}': job {} failed permanently: {}", queue, job.id(), error);
            case DEAD ->
                LOG.error(
                        "job queue '{}': job {} failed {} times; dead-lettered: {}",
                        queue,
                        job.id(),
                        job.attempt(),
                        error);
            case LEASE_LOST -> logLost(job.id(), "its failure was not recorded");
        }
    }

    /** A completion was refused: another worker holds the job's lease now, or nobody does. */
    void leaseLost(String jobId, String consequence) {
        counters.leaseLost();
        logLost(jobId, consequence);
    }

    private void logLost(String jobId, String consequence) {
        LOG.warn("job queue '{}': lost the lease of job {} before it finished; {}", queue, jobId, consequence);
    }

    /** A store call failed; {@code what} says what could not be done. */
    void storeFailure(String what, JobQueueException e) {
        long failures = storeFailuresInARow.incrementAndGet();
        if (failures == 1 || failures % 100 == 0) {
            LOG.warn("job queue '{}': {} ({} in a row): {}", queue, what, failures, e.getMessage());
        }
    }

    /** A store call succeeded: the next failure is the first in a row again. */
    void storeAnswered() {
        storeFailuresInARow.set(0);
    }
}
