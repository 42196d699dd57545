package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Makes sure an idle worker looks for work again: a turn within the poll interval, or sooner when
 * the store hints at a delayed job coming due or a lease expiring. Of two requests the earlier
 * deadline wins; one armed timer at a time.
 */
final class PollTimer {

    private final Scheduler scheduler;
    private final Ticker ticker;
    private final long pollMs;
    private final Runnable turn;
    private final AtomicReference<@Nullable Armed> armed = new AtomicReference<>();
    private volatile boolean closed;

    PollTimer(Scheduler scheduler, long pollMs, Runnable turn) {
        this.scheduler = scheduler;
        this.ticker = scheduler.ticker();
        this.pollMs = pollMs;
        this.turn = turn;
    }

    /**
     * Arms a turn within the poll interval, or within {@code hintMs} (plus one, so the job is due)
     * when that is sooner; keeps an armed timer that fires no later. Called by turns only.
     *
     * @param hintMs milliseconds until the store expects work; negative for none
     */
    void within(long hintMs) {
        if (closed) {
            return;
        }
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(hintMs < 0 ? pollMs : Math.min(pollMs, hintMs + 1));
        long due = ticker.nanoTime() + delayNanos;
        Armed current = armed.get();
        if (current != null && current.dueNanos - due <= 0) {
            return;
        }
        Armed timer = new Armed(due);
        timer.handle = scheduler.schedule(timer, delayNanos);
        Armed previous = armed.getAndSet(timer);
        if (previous != null) {
            previous.cancel();
        }
    }

    /** Disarms the timer for good. */
    void close() {
        closed = true;
        Armed current = armed.getAndSet(null);
        if (current != null) {
            current.cancel();
        }
    }

    private final class Armed implements Runnable {
        final long dueNanos;
        volatile Scheduler.@Nullable Cancellable handle;

        Armed(long dueNanos) {
            this.dueNanos = dueNanos;
        }

        @Override
        public void run() {
            armed.compareAndSet(this, null);
            turn.run();
        }

        void cancel() {
            Scheduler.Cancellable scheduled = handle;
            if (scheduled != null) {
                scheduled.cancel();
            }
        }
    }
}
