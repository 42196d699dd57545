package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.StateTransition.Reason;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The last {@code size} calls, with a success path that writes no shared memory.
 *
 * <p>Every call increments a striped counter ({@link LongAdder}), so concurrent successes never
 * contend for a cache line. Failures and slow calls are <em>events</em>: under a lock, each is
 * stamped with the call count and appended to an {@link EventLog}, and events stamped {@code size}
 * or more calls ago are evicted. The window's calls are {@code min(count, size)}; its failures and
 * slow calls are the events left in the log.
 *
 * <p>A plain success is judged without the lock or the log: once the window holds {@code
 * minimumCalls} calls (it never holds fewer again), a success replaces the oldest call, so neither
 * rate can rise and the verdict cannot change. Before that, a success can be the call that reaches
 * the minimum, and is judged under the lock.
 *
 * <p>With one thread this is exactly the last {@code size} calls. Under concurrency an event's
 * stamp may count a few calls that started at the same time, so an event may leave the window
 * that many calls early or late; nothing is lost or counted twice.
 */
final class CountWindow implements OutcomeWindow {

    private final int size;
    private final BreakerSettings settings;
    private final LongAdder recorded = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final EventLog events = new EventLog();
    private volatile boolean minimumReached;

    CountWindow(int size, BreakerSettings settings) {
        this.size = size;
        this.settings = settings;
    }

    @Override
    public @Nullable Reason record(int outcome) {
        recorded.increment();
        if (outcome == Outcome.SUCCESS && minimumReached) {
            return null;
        }
        lock.lock();
        try {
            long stamp = recorded.sum();
            events.evictUpTo(stamp - size);
            if (outcome != Outcome.SUCCESS) {
                events.append(stamp, outcome);
            }
            long calls = Math.min(stamp, size);
            if (calls >= settings.minimumCalls) {
                minimumReached = true;
            }
            return Verdict.ofWindow(settings, calls, events.failures(), events.slowCalls());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long calls() {
        return Math.min(recorded.sum(), size);
    }

    @Override
    public long failures() {
        lock.lock();
        try {
            events.evictUpTo(recorded.sum() - size);
            return events.failures();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long slowCalls() {
        lock.lock();
        try {
            events.evictUpTo(recorded.sum() - size);
            return events.slowCalls();
        } finally {
            lock.unlock();
        }
    }
}
