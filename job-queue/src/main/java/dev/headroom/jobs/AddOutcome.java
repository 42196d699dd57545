package dev.headroom.jobs;

/** What {@link JobQueue#add} did with a job. */
public enum AddOutcome {
    /** A new job was created. */
    ADDED,
    /** A job with the same id exists (in any state, until retention removes it): nothing was added. */
    DUPLICATE,
    /** The debounce key's job was still pending: its payload was replaced and its window extended. */
    REPLACED,
    /**
     * The debounce key's job is running: this payload is held (replacing any held before) and runs
     * as exactly one follow-up job once the running one finishes.
     */
    FOLLOW_UP
}
