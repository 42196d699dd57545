package dev.headroom.jobs;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor that holds tasks until the test runs them, on the test's thread. */
final class QueuedExecutor implements Executor {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    synchronized int size() {
        return tasks.size();
    }

    void runNext() {
        Runnable task;
        synchronized (this) {
            task = tasks.poll();
        }
        if (task == null) {
            throw new AssertionError("no task queued");
        }
        task.run();
    }

    void runAll() {
        while (size() > 0) {
            runNext();
        }
    }
}
