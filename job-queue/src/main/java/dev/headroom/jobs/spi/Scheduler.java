package dev.headroom.jobs.spi;

import dev.headroom.core.Ticker;
import dev.headroom.jobs.internal.SystemScheduler;

/**
 * Where the queues' timers run: debounce deadlines, retry backoff, delayed jobs, lease renewal,
 * polling and health lines. Every delay is measured on {@link #ticker()}, so a test that drives the
 * ticker drives every timer with it, and nothing in this module sleeps.
 *
 * <p>Implementations must be thread-safe. Tasks handed to {@link #schedule(Runnable, long)} are
 * short and never block: the queues hand real work on to their executor.
 */
public interface Scheduler {

    /**
     * Returns the clock on which this scheduler measures delays.
     *
     * @return the ticker; components given this scheduler read time from it
     */
    Ticker ticker();

    /**
     * Runs {@code task} once, no earlier than {@code delayNanos} after now on {@link #ticker()}.
     *
     * @param task a short, non-blocking task; an exception it throws is logged and dropped
     * @param delayNanos how long to wait; zero or negative runs the task as soon as possible
     * @return a handle that cancels the task if it has not started
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * Returns the scheduler backed by the system ticker and one shared daemon timer thread.
     *
     * @return the shared system scheduler
     */
    static Scheduler system() {
        return SystemScheduler.INSTANCE;
    }

    /** A scheduled task that has not run yet, or has. */
    @FunctionalInterface
    interface Cancellable {

        /** Prevents the task from running if it has not started; does nothing otherwise. */
        void cancel();
    }
}
