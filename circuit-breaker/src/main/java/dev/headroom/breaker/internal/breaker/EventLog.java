package dev.headroom.breaker.internal.breaker;

import java.util.Arrays;

/**
 * The failures and slow calls of a count window, oldest first, each stamped with the call count at
 * which it was recorded. A growable ring of {@code long}s: {@code stamp << 2 | failure | slow << 1}.
 * Not thread-safe; {@link CountWindow} guards it with its lock.
 */
final class EventLog {

    private static final int FAILURE = 1;
    private static final int SLOW = 2;

    private long[] events = new long[16];
    private int head;
    private int size;
    private long failures;
    private long slowCalls;

    void append(long stamp, int outcome) {
        if (size == events.length) {
            grow();
        }
        int kind = (Outcome.isFailure(outcome) ? FAILURE : 0) | (Outcome.isSlow(outcome) ? SLOW : 0);
        events[(head + size) % events.length] = (stamp << 2) | kind;
        size++;
        count(kind, 1);
    }

    /** Drops the events stamped at or before {@code oldestStampOut}: they have left the window. */
    void evictUpTo(long oldestStampOut) {
        while (size > 0 && (events[head] >>> 2) <= oldestStampOut) {
            count((int) (events[head] & 3), -1);
            head = (head + 1) % events.length;
            size--;
        }
    }

    long failures() {
        return failures;
    }

    long slowCalls() {
        return slowCalls;
    }

    private void count(int kind, int delta) {
        if ((kind & FAILURE) != 0) {
            failures += delta;
        }
        if ((kind & SLOW) != 0) {
            slowCalls += delta;
        }
    }

    private void grow() {
        long[] larger = Arrays.copyOf(events, events.length * 2);
        if (head != 0) {
            // the ring wrapped: move its first part to the end of the larger array
            int firstPart = events.length - head;
            System.arraycopy(events, head, larger, larger.length - firstPart, firstPart);
            head = larger.length - firstPart;
        }
        events = larger;
    }
}
