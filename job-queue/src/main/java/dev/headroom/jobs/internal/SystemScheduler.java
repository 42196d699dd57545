package dev.headroom.jobs.internal;

import dev.headroom.core.Ticker;
import dev.headroom.jobs.spi.Scheduler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One daemon timer thread for every queue of the JVM; tasks are short and hand real work on. */
public final class SystemScheduler implements Scheduler {

    /** The shared instance. */
    public static final SystemScheduler INSTANCE = new SystemScheduler();

    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

    private final ScheduledThreadPoolExecutor timer;

    private SystemScheduler() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "headroom-jobs-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Ticker ticker() {
        return Ticker.system();
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        ScheduledFuture<?> future =
                timer.schedule(() -> runQuietly(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("a scheduled job-queue task failed", e);
        }
    }
}
