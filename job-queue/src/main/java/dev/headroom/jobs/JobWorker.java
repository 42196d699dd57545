package dev.headroom.jobs;

import java.time.Duration;

/**
 * Takes jobs of one queue and runs its handler on them, at most {@link #concurrency()} at once. It
 * keeps the leases of running jobs alive, so a job runs elsewhere only if this worker stops
 * renewing (it died or hung past the visibility timeout). Made by {@link JobQueue#worker}.
 */
public interface JobWorker extends AutoCloseable {

    /**
     * Returns the name of the queue this worker takes jobs from.
     *
     * @return the queue's name
     */
    String queue();

    /**
     * Returns the most jobs this worker runs at once.
     *
     * @return the concurrency
     */
    int concurrency();

    /**
     * Returns how many jobs this worker is running now.
     *
     * @return jobs leased and not yet finished
     */
    int inFlight();

    /**
     * Stops taking jobs and waits up to {@code timeout} for running ones. Jobs still running then
     * keep running, but their leases are no longer renewed and expire after the visibility timeout,
     * so another worker takes them.
     *
     * @param timeout how long to wait
     * @return true if every running job finished in time
     */
    boolean close(Duration timeout);

    /** Closes with {@link JobQueueConfig#shutdownTimeout()}. */
    @Override
    void close();
}
