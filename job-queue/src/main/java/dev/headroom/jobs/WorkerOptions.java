package dev.headroom.jobs;

/**
 * How a {@link JobWorker} runs.
 *
 * @param concurrency the most jobs run at once, at least 1
 */
public record WorkerOptions(int concurrency) {

    /** The concurrency unless set: {@value}. */
    public static final int DEFAULT_CONCURRENCY = 1;

    /**
     * Validates the options.
     *
     * @param concurrency at least 1
     * @throws IllegalArgumentException if {@code concurrency} is less than 1
     */
    public WorkerOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
    }

    /**
     * Returns the default options: one job at a time.
     *
     * @return the defaults
     */
    public static WorkerOptions ofDefaults() {
        return new WorkerOptions(DEFAULT_CONCURRENCY);
    }

    /**
     * Returns options with a concurrency.
     *
     * @param concurrency at least 1
     * @return the options
     * @throws IllegalArgumentException if {@code concurrency} is less than 1
     */
    public static WorkerOptions ofConcurrency(int concurrency) {
        return new WorkerOptions(concurrency);
    }
}
