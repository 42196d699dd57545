package dev.headroom.core;

/**
 * How Headroom components wait: the one place where delays turn into real time. Retries sleep
 * through {@link #sleep(long)} between attempts; time limits, bulkhead queue timeouts and
 * asynchronous retries use {@link #schedule(Runnable, long)}. Every delay is measured on {@link
 * #ticker()}, so a test that drives the ticker drives every timer with it.
 *
 * <p>Implement it to run timers on your own infrastructure or to control time in tests. {@link
 * #system()} runs timers on one shared daemon thread and sleeps with {@link Thread#sleep(long)}.
 *
 * <p>Implementations must be thread-safe. Tasks handed to {@link #schedule(Runnable, long)} are
 * short and never block: Headroom hands real work on to an executor.
 */
public interface Scheduler {

    /**
     * Returns the clock on which this scheduler measures delays.
     *
     * @return the ticker; components that take a scheduler read time from it
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
     * Blocks the calling thread for {@code nanos}, measured on {@link #ticker()}.
     *
     * @param nanos how long to wait; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(long nanos) throws InterruptedException;

    /**
     * Returns the scheduler backed by the system clock and one shared daemon timer thread.
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
