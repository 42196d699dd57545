package dev.headroom.examples.drill;

import java.io.PrintStream;

/**
 * Hears how a step of a {@link LoadGenerator} is going.
 *
 * <p>Called on the thread that runs the step, about once per second while it runs, then exactly
 * once more after every connection has stopped; that last call, and only that one, reports {@code
 * elapsedMillis >= totalMillis}. An exception thrown here stops the step and reaches the caller of
 * {@link LoadGenerator#run}.
 */
@FunctionalInterface
interface ProgressListener {

    /**
     * Reports the progress of a step.
     *
     * @param stepName the step's name
     * @param elapsedMillis time since the step started
     * @param totalMillis the step's planned duration
     * @param requests responses received so far
     * @param currentRps responses per second since the previous call
     * @param nonSuccess non-2xx responses, errors and timeouts so far
     */
    void onProgress(
            String stepName, long elapsedMillis, long totalMillis, long requests, double currentRps, long nonSuccess);

    /**
     * A listener that rewrites one line of {@code out} in place (carriage return, padded over the
     * previous text) and ends it with a newline when the step ends. For one step at a time.
     */
    static ProgressListener console(PrintStream out) {
        return new ConsoleProgress(out);
    }

    /** A listener that does nothing. */
    static ProgressListener none() {
        return (stepName, elapsedMillis, totalMillis, requests, currentRps, nonSuccess) -> {};
    }
}
