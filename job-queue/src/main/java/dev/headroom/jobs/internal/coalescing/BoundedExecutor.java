package dev.headroom.jobs.internal.coalescing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code limit} tasks at once on a delegate executor; the rest wait in FIFO order.
 * Lock-free: a task that finishes starts the next one waiting.
 */
final class BoundedExecutor implements Executor {

    private final Executor delegate;
    private final int limit;
    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    /**
     * Creates the executor.
     *
     * @param delegate where tasks run
     * @param limit the most tasks running at once, at least 1
     */
    BoundedExecutor(Executor delegate, int limit) {
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
        waiting.add(task);
        drain();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int current = running.get();
            if (current >= limit) {
                return;
            }
            if (!running.compareAndSet(current, current + 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            try {
                delegate.execute(() -> {
                    try {
                        next.run();
                    } finally {
                        running.decrementAndGet();
                        drain();
                    }
                });
            } catch (RejectedExecutionException e) {
                running.decrementAndGet();
                throw e;
            }
        }
    }
}
