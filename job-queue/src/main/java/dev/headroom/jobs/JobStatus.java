package dev.headroom.jobs;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A durable job's state as read by {@link JobQueue#status}. Immutable.
 *
 * @param <R> the result type
 */
public final class JobStatus<R> {

    private final String id;
    private final String queue;
    private final JobState state;
    private final int progress;
    private final int failedAttempts;
    private final int maxAttempts;
    private final int stalls;
    private final @Nullable R result;
    private final @Nullable String error;
    private final Instant createdAt;
    private final @Nullable Instant finishedAt;

    /**
     * Creates a status; queues create them.
     *
     * @param id the job's id
     * @param queue the queue's name
     * @param state the state
     * @param progress the last progress reported, 0 to 100
     * @param failedAttempts the attempts that failed so far
     * @param maxAttempts the attempts allowed
     * @param stalls how many times the job's worker died or hung with it
     * @param result the result of a completed job, if any
     * @param error the last error, if any
     * @param createdAt when the job was added
     * @param finishedAt when it finished, if it did
     */
    public JobStatus(
            String id,
            String queue,
            JobState state,
            int progress,
            int failedAttempts,
            int maxAttempts,
            int stalls,
            @Nullable R result,
            @Nullable String error,
            Instant createdAt,
            @Nullable Instant finishedAt) {
        this.id = id;
        this.queue = queue;
        this.state = state;
        this.progress = progress;
        this.failedAttempts = failedAttempts;
        this.maxAttempts = maxAttempts;
        this.stalls = stalls;
        this.result = result;
        this.error = error;
        this.createdAt = createdAt;
        this.finishedAt = finishedAt;
    }

    /**
     * Returns the job's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the queue's name.
     *
     * @return the queue
     */
    public String queue() {
        return queue;
    }

    /**
     * Returns the job's state.
     *
     * @return the state
     */
    public JobState state() {
        return state;
    }

    /**
     * Returns the last progress the handler reported.
     *
     * @return 0 to 100; 0 if none was reported
     */
    public int progress() {
        return progress;
    }

    /**
     * Returns how many attempts failed so far.
     *
     * @return failed attempts; stalls are not counted here
     */
    public int failedAttempts() {
        return failedAttempts;
    }

    /**
     * Returns how many attempts the job may make.
     *
     * @return the attempts allowed
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns how many times the job's lease expired while it ran (its worker died or hung).
     *
     * @return the stall count
     */
    public int stalls() {
        return stalls;
    }

    /**
     * Returns the result of a completed job.
     *
     * @return the result, or empty if the job has not completed or returned none
     */
    public Optional<R> result() {
        return Optional.ofNullable(result);
    }

    /**
     * Returns the last error: the failed attempt's exception, or why the job failed.
     *
     * @return the error message, or empty if no attempt failed
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * Returns when the job was added, on the store's clock.
     *
     * @return the creation time
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * Returns when the job finished, on the store's clock.
     *
     * @return the finish time, or empty if it has not finished
     */
    public Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    @Override
    public String toString() {
        return "JobStatus{" + queue + '/' + id + ' ' + state + ", progress=" + progress + ", failedAttempts="
                + failedAttempts + ", maxAttempts=" + maxAttempts + ", stalls=" + stalls
                + (error == null ? "" : ", error=" + error) + '}';
    }
}
