package dev.headroom.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Scheduler} that moves only when told to, for tests of retries, time limits and bulkhead
 * queues without sleeping. Shipped in the main artifact, like {@link ManualTicker}, so that users
 * test their own code the same way.
 *
 * <p>{@link #advance(Duration)} moves the ticker forward and runs, on the calling thread, every
 * task that falls due, in deadline order, each with the ticker set to its deadline. {@link
 * #sleep(long)} advances by the requested time: a retry that "sleeps" makes time pass for
 * everyone. Thread-safe: tasks may be scheduled from any thread; tasks run on the thread that
 * advances time.
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
     * Advances time by {@code nanos}, running what falls due. Returns at once, never blocks.
     *
     * @param nanos how long to "sleep"
     */
    @Override
    public void sleep(long nanos) {
        advance(Duration.ofNanos(Math.max(0, nanos)));
    }

    /**
     * Moves time forward by {@code amount}, running each task that falls due at its deadline.
     *
     * @param amount how far; zero runs only tasks already due
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

    /**
     * Returns the delays, from now, of the tasks waiting to run.
     *
     * @return the delays in deadline order
     */
    public List<Duration> pendingDelays() {
        lock.lock();
        try {
            List<Entry> entries = new ArrayList<>(queue);
            entries.sort(null);
            List<Duration> delays = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                delays.add(Duration.ofNanos(entry.deadline - ticker.nanoTime()));
            }
            return delays;
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

    private record Entry(long deadline, long sequence, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
