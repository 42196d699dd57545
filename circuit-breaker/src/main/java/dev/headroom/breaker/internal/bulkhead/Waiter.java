package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.BulkheadPermit;
import dev.headroom.core.Scheduler;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** One request waiting for a slot. Identity matters: it is removed from the queue by reference. */
final class Waiter {

    final int priority;
    final long deadline;
    final CompletableFuture<BulkheadPermit> future = new CompletableFuture<>();
    volatile Scheduler.@Nullable Cancellable timer;

    Waiter(int priority, long deadline) {
        this.priority = priority;
        this.deadline = deadline;
    }

    void cancelTimer() {
        Scheduler.Cancellable pending = timer;
        if (pending != null) {
            pending.cancel();
        }
    }
}
