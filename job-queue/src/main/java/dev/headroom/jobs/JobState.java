package dev.headroom.jobs;

/** Where a durable job is in its life. */
public enum JobState {
    /** Ready to run; workers take waiting jobs by priority, then in order of arrival. */
    WAITING,
    /** Waiting for its delay, its debounce window or its retry backoff to pass. */
    DELAYED,
    /** Leased by a worker, which renews the lease while the job runs. */
    ACTIVE,
    /** Finished successfully; kept as its {@link Retention} says. */
    COMPLETED,
    /**
     * Finished unsuccessfully without using up its attempts: the handler threw {@link
     * PermanentJobFailure}, the payload could not be decoded, or the job stalled more than {@link
     * JobQueueConfig#maxStalls()} times (its workers kept dying). Kept as its failed-job {@link
     * Retention} says.
     */
    FAILED,
    /** Failed on every attempt: in the dead-letter set until {@link JobQueue#redrive} or retention removes it. */
    DEAD;

    /**
     * Says whether the job has finished and will not run again unless redriven.
     *
     * @return true for {@link #COMPLETED}, {@link #FAILED} and {@link #DEAD}
     */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == DEAD;
    }
}
