package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.BulkheadConfig;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who may run: the calls in flight per priority, in one packed {@code long} changed only by
 * compare-and-set, checked against the reservations.
 *
 * <p>A priority may take a slot within its reservation, or else a shared slot: the slots nobody
 * reserved. A shared slot is free while the calls running beyond their own reservations number
 * fewer than the shared slots. So the total never exceeds {@code maxConcurrentCalls} and no
 * priority ever runs in another's reservation.
 */
final class Admission {

    private final int[] reserved = new int[Priorities.COUNT];
    private final int shared;
    private final AtomicLong inFlight = new AtomicLong();

    Admission(BulkheadConfig config) {
        int reservedTotal = 0;
        for (int priority = 0; priority < Priorities.COUNT; priority++) {
            reserved[priority] = config.guaranteedCalls(Priorities.HIGHEST_FIRST.get(priority));
            reservedTotal += reserved[priority];
        }
        this.shared = config.maxConcurrentCalls() - reservedTotal;
    }

    boolean tryAdmit(int priority) {
        for (; ; ) {
            long counts = inFlight.get();
            if (!admissible(counts, priority)) {
                return false;
            }
            if (inFlight.compareAndSet(counts, counts + PackedCounts.unit(priority))) {
                return true;
            }
        }
    }

    void release(int priority) {
        inFlight.addAndGet(-PackedCounts.unit(priority));
    }

    int inFlight(int priority) {
        return PackedCounts.get(inFlight.get(), priority);
    }

    int inFlight() {
        return PackedCounts.total(inFlight.get());
    }

    private boolean admissible(long counts, int priority) {
        if (PackedCounts.get(counts, priority) < reserved[priority]) {
            return true;
        }
        int beyondReservations = 0;
        for (int other = 0; other < Priorities.COUNT; other++) {
            beyondReservations += Math.max(0, PackedCounts.get(counts, other) - reserved[other]);
        }
        return beyondReservations < shared;
    }
}
