package dev.headroom.breaker.internal.bulkhead;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The waiting requests, one deque per priority. Every method but the counts must be called with
 * the bulkhead's lock held; the counts are also published in a packed {@code long} that the
 * lock-free fast path reads to see whether anyone of its priority or higher is waiting.
 *
 * <p>Congestion: the queue remembers when it last went from empty to non-empty. It is congested
 * once it has stayed non-empty for the congestion interval; then {@link #next(int, long)} picks
 * the newest waiter instead of the oldest.
 */
final class WaitQueue {

    private final List<ArrayDeque<Waiter>> byPriority = new ArrayList<>(Priorities.COUNT);
    private final AtomicLong counts = new AtomicLong();
    private final long congestionIntervalNanos;
    private int size;
    private volatile long nonEmptySince;

    WaitQueue(long congestionIntervalNanos) {
        this.congestionIntervalNanos = congestionIntervalNanos;
        for (int priority = 0; priority < Priorities.COUNT; priority++) {
            byPriority.add(new ArrayDeque<>());
        }
    }

    int size() {
        return size;
    }

    void add(Waiter waiter, long now) {
        if (size == 0) {
            nonEmptySince = now;
        }
        byPriority.get(waiter.priority).addLast(waiter);
        size++;
        counts.addAndGet(PackedCounts.unit(waiter.priority));
    }

    /** Removes {@code waiter} if it is still waiting; constant time when it is at either end. */
    boolean remove(Waiter waiter) {
        ArrayDeque<Waiter> waiters = byPriority.get(waiter.priority);
        boolean found;
        if (waiters.peekFirst() == waiter) {
            found = waiters.pollFirst() != null;
        } else if (waiters.peekLast() == waiter) {
            found = waiters.pollLast() != null;
        } else {
            found = waiters.remove(waiter);
        }
        if (found) {
            removed(waiter);
        }
        return found;
    }

    /** The waiter of {@code priority} to serve next, without removing it. */
    @Nullable
    Waiter next(int priority, long now) {
        ArrayDeque<Waiter> waiters = byPriority.get(priority);
        return isCongested(now) ? waiters.peekLast() : waiters.peekFirst();
    }

    /** Removes and returns the oldest waiter of the lowest priority below {@code priority}, if any. */
    @Nullable
    Waiter shedBelow(int priority) {
        for (int lower = Priorities.COUNT - 1; lower > priority; lower--) {
            Waiter oldest = byPriority.get(lower).pollFirst();
            if (oldest != null) {
                removed(oldest);
                return oldest;
            }
        }
        return null;
    }

    boolean isCongested(long now) {
        return PackedCounts.total(counts.get()) > 0 && now - nonEmptySince >= congestionIntervalNanos;
    }

    /** Lock-free: whether a request of {@code priority} or higher waits. */
    boolean anyWaitingAtOrAbove(int priority) {
        return PackedCounts.anyAtOrAbove(counts.get(), priority);
    }

    /** Lock-free: whether anyone waits. */
    boolean anyWaiting() {
        return counts.get() != 0;
    }

    /** Lock-free count of waiters of one priority. */
    int depth(int priority) {
        return PackedCounts.get(counts.get(), priority);
    }

    /** Lock-free count of all waiters. */
    int depth() {
        return PackedCounts.total(counts.get());
    }

    private void removed(Waiter waiter) {
        size--;
        counts.addAndGet(-PackedCounts.unit(waiter.priority));
    }
}
