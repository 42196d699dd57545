package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.BulkheadPermit;
import dev.headroom.breaker.BulkheadRejection;
import dev.headroom.breaker.Priority;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A slot held by one call; releasing it twice gives the slot back once. */
final class GrantedPermit implements BulkheadPermit {

    private final DefaultBulkhead bulkhead;
    private final Priority priority;
    private final int index;
    private final AtomicBoolean released = new AtomicBoolean();

    GrantedPermit(DefaultBulkhead bulkhead, Priority priority, int index) {
        this.bulkhead = bulkhead;
        this.priority = priority;
        this.index = index;
    }

    @Override
    public boolean isGranted() {
        return true;
    }

    @Override
    public Optional<BulkheadRejection> rejection() {
        return Optional.empty();
    }

    @Override
    public Priority priority() {
        return priority;
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            bulkhead.release(index);
        }
    }

    @Override
    public String toString() {
        return "BulkheadPermit{granted, " + priority + (released.get() ? ", released}" : "}");
    }
}
