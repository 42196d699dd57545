package dev.headroom.jobs;

import org.jspecify.annotations.Nullable;

/**
 * A durable queue could not do what was asked: its store (Redis) failed or timed out, or its
 * circuit breaker is open. Nothing was changed unless {@link #maybeApplied()} says otherwise.
 * Carries the queue's name; created without a stack trace.
 */
public final class JobQueueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String queue;
    private final boolean maybeApplied;

    /**
     * Creates the exception.
     *
     * @param queue the queue's name
     * @param message what failed
     * @param maybeApplied whether the store may have applied the request before failing (a timeout)
     * @param cause the store's failure, if any
     */
    public JobQueueException(String queue, String message, boolean maybeApplied, @Nullable Throwable cause) {
        super("job queue '" + queue + "': " + message, cause, false, false);
        this.queue = queue;
        this.maybeApplied = maybeApplied;
    }

    /**
     * Returns the queue's name.
     *
     * @return the name of the queue the request was for
     */
    public String queue() {
        return queue;
    }

    /**
     * Says whether the request may have been applied although it failed (the reply was lost, as on
     * a timeout). Adds with a job id can then be repeated safely: a duplicate is recognized.
     *
     * @return true if the outcome is unknown; false if nothing was applied
     */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
