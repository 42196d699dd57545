package dev.headroom.jobs;

/**
 * A job handed to a {@link JobHandler}: its payload, and a way to report progress. Valid while the
 * handler runs.
 *
 * @param <P> the payload type
 */
public interface Job<P> {

    /**
     * Returns the job's id.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the queue's name.
     *
     * @return the name of the queue the job was taken from
     */
    String queue();

    /**
     * Returns the payload.
     *
     * @return the decoded payload
     */
    P payload();

    /**
     * Returns which attempt this is.
     *
     * @return 1 on the first run, 2 on the first retry, and so on
     */
    int attempt();

    /**
     * Records the job's progress, readable through {@link JobQueue#status}. Only the worker that
     * holds the job's lease can record it.
     *
     * @param percent 0 to 100
     * @return false if this worker lost the lease (the job was given to another worker after the
     *     visibility timeout) or the store could not be reached
     * @throws IllegalArgumentException if {@code percent} is out of range
     */
    boolean progress(int percent);

    /**
     * Says whether this worker lost the job's lease, so that a long handler can stop early: the job
     * will run again elsewhere, and this run's result will be discarded.
     *
     * @return true once the lease is known to be lost
     */
    boolean leaseLost();
}
