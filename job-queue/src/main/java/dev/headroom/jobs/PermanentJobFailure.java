package dev.headroom.jobs;

/**
 * Thrown by a {@link JobHandler} to fail its job at once, without retries: the job ends {@link
 * JobState#FAILED}. For failures that retrying cannot fix, such as invalid input. Created without a
 * stack trace.
 */
public final class PermanentJobFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message why the job cannot succeed; stored as the job's error
     */
    public PermanentJobFailure(String message) {
        super(message, null, false, false);
    }
}
