package dev.headroom.jobs.internal.durable;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's slots: it runs at most {@code concurrency} jobs at once. A job takes a slot when it is
 * leased and frees it when its handler is done, whatever the outcome. Once closed, no slot is free.
 */
final class Slots {

    private final int concurrency;
    private final AtomicInteger inUse = new AtomicInteger();
    private volatile boolean closed;

    Slots(int concurrency) {
        this.concurrency = concurrency;
    }

    int concurrency() {
        return concurrency;
    }

    int inUse() {
        return inUse.get();
    }

    /** Slots a turn may lease jobs into: none once closed. */
    int free() {
        return closed ? 0 : Math.max(0, concurrency - inUse.get());
    }

    void take() {
        inUse.incrementAndGet();
    }

    void release() {
        inUse.decrementAndGet();
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
