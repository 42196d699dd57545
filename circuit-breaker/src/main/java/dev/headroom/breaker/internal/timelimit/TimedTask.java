package dev.headroom.breaker.internal.timelimit;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One synchronous call under a time limit. Besides the future's own states it tracks whether the
 * work still runs after its timeout, so the limiter can report overdue work exactly: a task is
 * counted when its timeout interrupts it mid-run and uncounted when its run ends.
 */
final class TimedTask<V extends @Nullable Object> extends FutureTask<V> {

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int OVERDUE = 2;
    private static final int ENDED = 3;

    private final AtomicInteger phase = new AtomicInteger(WAITING);
    private final AtomicLong overdue;
    private volatile boolean timedOut;

    TimedTask(Callable<V> callable, AtomicLong overdue) {
        super(callable);
        this.overdue = overdue;
    }

    @Override
    public void run() {
        phase.compareAndSet(WAITING, RUNNING);
        try {
            super.run();
        } finally {
            if (phase.getAndSet(ENDED) == OVERDUE) {
                overdue.decrementAndGet();
            }
        }
    }

    /** Called by the timer: gives up on the call and interrupts its work if it has started. */
    void expire() {
        timedOut = true;
        if (cancel(true) && phase.compareAndSet(RUNNING, OVERDUE)) {
            overdue.incrementAndGet();
        }
    }

    boolean timedOut() {
        return timedOut;
    }
}
