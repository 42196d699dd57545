package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a blocking read's steps on the reading thread. The read path is written as asynchronous
 * steps; a blocking read passes this executor as the place to run them and then {@link #await}s the
 * answer, running each step (a decode, the user's loader, a store) on its own thread as Redis
 * replies arrive. So the loader of {@code getOrSet} runs on the caller's thread, never on a Redis
 * I/O thread, and the asynchronous read shares the same code. One per read; not reusable.
 */
final class CallerExecutor implements Executor {

    private final Thread owner = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> steps = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable step) {
        steps.add(step);
        if (Thread.currentThread() != owner) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * Runs steps until {@code answer} completes, then returns it. An interrupt does not abandon the
     * read, since other reads may be waiting for its fetch; the interrupt status is set again on
     * return.
     */
    <T> CompletableFuture<T> await(CompletableFuture<T> answer) {
        if (!answer.isDone()) {
            CompletableFuture<?> unused = answer.whenComplete((value, error) -> LockSupport.unpark(owner));
        }
        boolean interrupted = false;
        while (true) {
            Runnable step;
            while ((step = steps.poll()) != null) {
                step.run();
            }
            if (answer.isDone()) {
                break;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            owner.interrupt();
        }
        return answer;
    }
}
