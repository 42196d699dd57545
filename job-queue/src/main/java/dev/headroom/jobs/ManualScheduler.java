package dev.headroom.jobs;

import dev.headroom.core.ManualTicker;
import dev.headroom.jobs.spi.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Scheduler} that moves only when told to, for tests of debouncing, retries, delayed jobs
 * and leases without sleeping. Shipped in the main artifact, like {@link ManualTicker}, so that
 * users test their own code the same way.
 *
 * <p>{@link #advance(Duration)} moves the ticker forward and runs, on the calling thread, every
 * task that falls due, in deadline order (ties in scheduling order), each with the ticker set to
 * its deadline; a task scheduled by a running task runs in the same call if it falls due. Paired
 * with an executor that runs tasks on the calling thread ({@code Runnable::run}), a queue becomes
 * fully deterministic. Thread-safe: tasks may be scheduled from any thread; they run on the thread
 * that advances time.
 */
public final class ManualScheduler implements Scheduler {

    private final ManualTicker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    /** Creates a scheduler over a new {@link ManualTicker}. */
    public ManualScheduler() {
        this(new ManualTicker());
    }

    /**
     * Creates a scheduler over {@code ticker}. Moving the ticker directly runs no task; {@link
     * #runDueTasks()} catches up.
     *
     * @param ticker the clock delays are measured on
     */
    public ManualScheduler(ManualTicker ticker) {
        this.ticker = ticker;
    }

    @Override
    public ManualTicker ticker() {
        return ticker;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Entry entry;
        lock.lock();
        try {
            entry = new Entry(ticker.nanoTime() + Math.max(0, delayNanos), sequence++, task);
            queue.add(entry);
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                queue.remove(entry);
            } finally {
                lock.unlock();
            }
        };
    }

    /**
     * Moves time forward by {@code amount}, running each task that falls due at its deadline.
     *
     * @param amount how far; zero runs only the tasks already due
     * @return this scheduler
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public ManualScheduler advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        long target = ticker.nanoTime() + amount.toNanos();
        for (Entry due = pollDue(target); due != null; due = pollDue(target)) {
            long now = ticker.nanoTime();
            if (due.deadline > now) {
                ticker.advance(Duration.ofNanos(due.deadline - now));
            }
            due.task.run();
        }
        long now = ticker.nanoTime();
        if (target > now) {
            ticker.advance(Duration.ofNanos(target - now));
        }
        return this;
    }

    /**
     * Moves time forward by {@code millis} milliseconds; see {@link #advance(Duration)}.
     *
     * @param millis how far, not negative
     * @return this scheduler
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public ManualScheduler advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /**
     * Runs the tasks already due, for when the ticker was moved directly.
     *
     * @return this scheduler
     */
    public ManualScheduler runDueTasks() {
        return advance(Duration.ZERO);
    }

    /**
     * Returns how many tasks wait to run.
     *
     * @return the number of scheduled, uncancelled tasks that have not run
     */
    public int pendingTasks() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Entry pollDue(long target) {
        lock.lock();
        try {
            Entry first = queue.peek();
            return first != null && first.deadline <= target ? queue.poll() : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ManualScheduler{" + ticker + ", pending=" + pendingTasks() + '}';
    }

    private record Entry(long deadline, long sequence, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
