package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.Bulkhead;
import dev.headroom.breaker.BulkheadConfig;
import dev.headroom.breaker.BulkheadPermit;
import dev.headroom.breaker.BulkheadRejection;
import dev.headroom.breaker.Guard;
import dev.headroom.breaker.Priority;
import dev.headroom.breaker.internal.Calls;
import dev.headroom.breaker.internal.backoff.Durations;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Bulkhead}. With free capacity and nobody of the same or higher priority waiting, a
 * request is admitted by one compare-and-set and never touches the lock. Otherwise it joins the
 * {@link WaitQueue} under the lock. Whoever changes the picture afterwards (a release, a new
 * waiter) drains the queue under the lock, so no slot goes unused while someone waits. Futures are
 * completed after the lock is released, so no user code runs under it.
 */
public final class DefaultBulkhead implements Bulkhead {

    private final String name;
    private final BulkheadConfig config;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final long maxWaitNanos;
    private final long congestedMaxWaitNanos;
    private final Admission admission;
    private final WaitQueue queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Permits permits;
    private final LongAdder[] granted = new LongAdder[Priorities.COUNT];
    private final LongAdder[][] rejected = new LongAdder[Priorities.COUNT][Priorities.REJECTIONS];
    private final Guard[] guards = new Guard[Priorities.COUNT];
    private final Metrics metrics = new LiveMetrics();

    /**
     * Creates a bulkhead.
     *
     * @param name the name metrics and exceptions carry
     * @param config the limits
     * @param scheduler measures and fires queue timeouts
     */
    public DefaultBulkhead(String name, BulkheadConfig config, Scheduler scheduler) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.ticker = scheduler.ticker();
        this.maxWaitNanos = Durations.toNanosSaturated(config.maxWait());
        this.congestedMaxWaitNanos = Durations.toNanosSaturated(config.congestedMaxWait());
        this.admission = new Admission(config);
        this.queue = new WaitQueue(Durations.toNanosSaturated(config.congestionInterval()));
        this.permits = new Permits(name);
        for (Priority priority : Priority.values()) {
            int index = Priorities.index(priority);
            granted[index] = new LongAdder();
            for (int reason = 0; reason < Priorities.REJECTIONS; reason++) {
                rejected[index][reason] = new LongAdder();
            }
            guards[index] = new PriorityGuard(priority);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BulkheadConfig config() {
        return config;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public BulkheadPermit tryAcquire(Priority priority) {
        int index = Priorities.index(priority);
        if (!queue.anyWaitingAtOrAbove(index) && admission.tryAdmit(index)) {
            return grant(priority, index);
        }
        return refuse(priority, BulkheadRejection.NO_CAPACITY);
    }

    @Override
    public CompletableFuture<BulkheadPermit> acquireAsync(Priority priority) {
        int index = Priorities.index(priority);
        if (!queue.anyWaitingAtOrAbove(index) && admission.tryAdmit(index)) {
            return CompletableFuture.completedFuture(grant(priority, index));
        }
        if (config.maxQueueSize() == 0) {
            return CompletableFuture.completedFuture(refuse(priority, BulkheadRejection.QUEUE_FULL));
        }
        List<Runnable> completions = new ArrayList<>(2);
        long now = ticker.nanoTime();
        Waiter waiter;
        lock.lock();
        try {
            if (queue.size() >= config.maxQueueSize()) {
                Waiter shed = queue.shedBelow(index);
                if (shed == null) {
                    return CompletableFuture.completedFuture(refuse(priority, BulkheadRejection.QUEUE_FULL));
                }
                completions.add(() -> refuse(shed, BulkheadRejection.SHED));
            }
            long wait = queue.isCongested(now) ? congestedMaxWaitNanos : maxWaitNanos;
            waiter = new Waiter(index, now + wait);
            queue.add(waiter, now);
            drain(now, completions);
        } finally {
            lock.unlock();
        }
        completions.forEach(Runnable::run);
        armTimer(waiter, now);
        Calls.onCancellation(waiter.future, () -> withdraw(waiter));
        return waiter.future;
    }

    @Override
    public BulkheadPermit acquire(Priority priority) throws InterruptedException {
        CompletableFuture<BulkheadPermit> future = acquireAsync(priority);
        try {
            return future.get();
        } catch (InterruptedException e) {
            if (!future.cancel(false) && !future.isCancelled()) {
                future.join().release(); // granted while we were interrupted
            }
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("bulkhead futures never fail", e);
        }
    }

    private void armTimer(Waiter waiter, long now) {
        if (waiter.future.isDone()) {
            return;
        }
        waiter.timer = scheduler.schedule(() -> expire(waiter), waiter.deadline - now);
        if (waiter.future.isDone()) {
            waiter.cancelTimer(); // served while the timer was being armed
        }
    }

    /** Serves waiters, highest priority first, while slots are free; drops the overdue. */
    private void drain(long now, List<Runnable> completions) {
        for (int index = 0; index < Priorities.COUNT; index++) {
            for (Waiter next = queue.next(index, now); next != null; next = queue.next(index, now)) {
                Waiter waiter = next;
                if (now - waiter.deadline >= 0) {
                    queue.remove(waiter);
                    completions.add(() -> refuse(waiter, BulkheadRejection.TIMED_OUT));
                    continue;
                }
                if (!admission.tryAdmit(index)) {
                    break;
                }
                queue.remove(waiter);
                completions.add(() -> handOver(waiter));
            }
        }
    }

    private void handOver(Waiter waiter) {
        Priority priority = Priorities.HIGHEST_FIRST.get(waiter.priority);
        BulkheadPermit permit = grant(priority, waiter.priority);
        waiter.cancelTimer();
        if (!waiter.future.complete(permit)) {
            permit.release(); // withdrawn at the same moment
        }
    }

    private void expire(Waiter waiter) {
        boolean removed;
        lock.lock();
        try {
            removed = queue.remove(waiter);
        } finally {
            lock.unlock();
        }
        if (removed) {
            refuse(waiter, BulkheadRejection.TIMED_OUT);
        }
    }

    private void withdraw(Waiter waiter) {
        waiter.cancelTimer();
        lock.lock();
        try {
            queue.remove(waiter);
        } finally {
            lock.unlock();
        }
    }

    /** Gives a slot back and serves whoever waits for it. */
    void release(int index) {
        admission.release(index);
        if (queue.anyWaiting()) {
            List<Runnable> completions = new ArrayList<>(1);
            lock.lock();
            try {
                drain(ticker.nanoTime(), completions);
            } finally {
                lock.unlock();
            }
            completions.forEach(Runnable::run);
        }
    }

    private BulkheadPermit grant(Priority priority, int index) {
        granted[index].increment();
        return new GrantedPermit(this, priority, index);
    }

    private BulkheadPermit refuse(Priority priority, BulkheadRejection rejection) {
        rejected[Priorities.index(priority)][Priorities.index(rejection)].increment();
        return permits.refused(priority, rejection);
    }

    private void refuse(Waiter waiter, BulkheadRejection rejection) {
        waiter.cancelTimer();
        waiter.future.complete(refuse(Priorities.HIGHEST_FIRST.get(waiter.priority), rejection));
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        return guards[Priorities.index(Priority.NORMAL)].call(callable);
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        return guards[Priorities.index(Priority.NORMAL)].callAsync(stageSupplier);
    }

    @Override
    public Guard forPriority(Priority priority) {
        return guards[Priorities.index(priority)];
    }

    @Override
    public String toString() {
        return "Bulkhead{" + name + ", inFlight=" + admission.inFlight() + ", queued=" + queue.depth() + '}';
    }

    /** Runs calls through the bulkhead at one priority. */
    private final class PriorityGuard implements Guard {
        private final Priority priority;

        PriorityGuard(Priority priority) {
            this.priority = priority;
        }

        @Override
        public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
            BulkheadPermit permit = acquire(priority);
            if (!permit.isGranted()) {
                throw Permits.exception(permit);
            }
            try {
                return callable.call();
            } finally {
                permit.release();
            }
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the dependent only dispatches; outcomes go to result
        public <V extends @Nullable Object> CompletionStage<V> callAsync(
                Supplier<? extends CompletionStage<V>> stageSupplier) {
            CompletableFuture<V> result = new CompletableFuture<>();
            CompletableFuture<BulkheadPermit> admission = acquireAsync(priority);
            AtomicReference<@Nullable CompletionStage<V>> running = new AtomicReference<>();
            admission.whenComplete((permit, cancelled) -> {
                if (permit == null) {
                    return; // withdrawn because the result was cancelled
                }
                if (!permit.isGranted()) {
                    result.completeExceptionally(Permits.exception(permit));
                    return;
                }
                if (result.isDone()) {
                    permit.release();
                    return;
                }
                CompletionStage<V> stage = Calls.start(stageSupplier);
                running.set(stage);
                stage.whenComplete((value, error) -> {
                    permit.release();
                    Calls.complete(result, value, error);
                });
            });
            Calls.onCancellation(result, () -> {
                admission.cancel(false);
                CompletionStage<V> stage = running.get();
                if (stage != null) {
                    Calls.cancel(stage);
                }
            });
            return result;
        }

        @Override
        public String toString() {
            return "Bulkhead{" + name + ", " + priority + '}';
        }
    }

    private final class LiveMetrics implements Metrics {

        @Override
        public int inFlight() {
            return admission.inFlight();
        }

        @Override
        public int inFlight(Priority priority) {
            return admission.inFlight(Priorities.index(priority));
        }

        @Override
        public int queueDepth() {
            return queue.depth();
        }

        @Override
        public int queueDepth(Priority priority) {
            return queue.depth(Priorities.index(priority));
        }

        @Override
        public boolean isCongested() {
            return queue.isCongested(ticker.nanoTime());
        }

        @Override
        public long granted(Priority priority) {
            return granted[Priorities.index(priority)].sum();
        }

        @Override
        public long rejected(Priority priority, BulkheadRejection rejection) {
            return rejected[Priorities.index(priority)][Priorities.index(rejection)].sum();
        }
    }
}
