package dev.headroom.breaker;

import dev.headroom.breaker.internal.bulkhead.DefaultBulkhead;
import dev.headroom.core.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Bounds how many calls run at once, queues the overflow briefly, and sheds the lowest {@link
 * Priority} first when overloaded. The rules are in {@link BulkheadConfig}.
 *
 * <p><b>Decisions are values.</b> {@link #tryAcquire(Priority)} never waits; {@link
 * #acquireAsync(Priority)} and {@link #acquire(Priority)} may wait in the queue. All three answer
 * with a {@link BulkheadPermit} that is granted or carries a {@link BulkheadRejection}; none
 * throws for a refusal. The {@link Guard} wrappers run at {@link Priority#NORMAL} and throw
 * {@link BulkheadRejectedException}; {@link #forPriority(Priority)} wraps at another priority.
 *
 * <p><b>Guarantees.</b> The number of granted, unreleased permits never exceeds {@link
 * BulkheadConfig#maxConcurrentCalls()}, and no priority uses another's reserved slots, under any
 * concurrency. Admission with free capacity is one compare-and-set; the queue is guarded by a
 * {@link java.util.concurrent.locks.ReentrantLock}, never {@code synchronized}, so virtual threads
 * do not pin. Queue timeouts are measured by the {@link Scheduler}: a timer bounds each wait, and
 * a waiter found overdue when a slot frees is dropped rather than served.
 */
public interface Bulkhead extends Guard {

    /**
     * Creates a bulkhead on the system scheduler.
     *
     * @param name the name metrics and exceptions carry
     * @param config the limits
     * @return a bulkhead
     */
    static Bulkhead of(String name, BulkheadConfig config) {
        return of(name, config, Scheduler.system());
    }

    /**
     * Creates a bulkhead whose queue timeouts run on {@code scheduler}.
     *
     * @param name the name metrics and exceptions carry
     * @param config the limits
     * @param scheduler measures and fires queue timeouts; a {@link dev.headroom.core.ManualScheduler} in tests
     * @return a bulkhead
     */
    static Bulkhead of(String name, BulkheadConfig config, Scheduler scheduler) {
        return new DefaultBulkhead(name, config, scheduler);
    }

    /**
     * Returns the bulkhead's name.
     *
     * @return the name given at creation
     */
    String name();

    /**
     * Returns the limits.
     *
     * @return the configuration given at creation
     */
    BulkheadConfig config();

    /**
     * Takes a slot if one is free for {@code priority} and no request of the same or higher
     * priority is waiting; never waits. Allocation-free when refused.
     *
     * @param priority the request's priority
     * @return a granted permit, or one refused with {@link BulkheadRejection#NO_CAPACITY}
     */
    BulkheadPermit tryAcquire(Priority priority);

    /**
     * Takes a slot, waiting in the queue if needed. The future never completes exceptionally: it
     * completes with a granted permit, or with a refused one ({@link
     * BulkheadRejection#QUEUE_FULL}, {@link BulkheadRejection#SHED} or {@link
     * BulkheadRejection#TIMED_OUT}). Cancelling it withdraws the request; a slot granted at the
     * same moment is given back. Completion runs on the thread that freed the slot or on the
     * scheduler's thread; keep dependent actions short.
     *
     * @param priority the request's priority
     * @return a future permit
     */
    CompletableFuture<BulkheadPermit> acquireAsync(Priority priority);

    /**
     * Takes a slot, blocking in the queue if needed, at most for the queue timeout.
     *
     * @param priority the request's priority
     * @return a granted or refused permit
     * @throws InterruptedException if the thread is interrupted while waiting; the request is
     *     withdrawn
     */
    BulkheadPermit acquire(Priority priority) throws InterruptedException;

    /**
     * {@inheritDoc}
     *
     * <p>Runs at {@link Priority#NORMAL}, waiting in the queue if needed, and releases the slot
     * when the callable returns or throws.
     *
     * @throws BulkheadRejectedException if no slot was granted
     */
    @Override
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * {@inheritDoc}
     *
     * <p>Runs at {@link Priority#NORMAL}. The supplier starts on the thread that granted the slot
     * and the slot is released when its stage completes.
     */
    @Override
    <V extends @Nullable Object> CompletionStage<V> callAsync(Supplier<? extends CompletionStage<V>> stageSupplier);

    /**
     * Returns a guard that runs calls through this bulkhead at {@code priority}.
     *
     * @param priority the priority of every call through the guard
     * @return a guard sharing this bulkhead's slots and queue
     */
    Guard forPriority(Priority priority);

    /**
     * Returns live counters and gauges, for monitoring.
     *
     * @return a view that reads the bulkhead at each call
     */
    Metrics metrics();

    /** Live state and running totals of one bulkhead. */
    interface Metrics {

        /**
         * Returns the calls running now.
         *
         * @return granted, unreleased permits
         */
        int inFlight();

        /**
         * Returns the calls of one priority running now.
         *
         * @param priority the priority
         * @return granted, unreleased permits of that priority
         */
        int inFlight(Priority priority);

        /**
         * Returns the requests waiting now.
         *
         * @return the queue's length
         */
        int queueDepth();

        /**
         * Returns the requests of one priority waiting now.
         *
         * @param priority the priority
         * @return how many of them wait
         */
        int queueDepth(Priority priority);

        /**
         * Returns whether the queue is congested now: non-empty for at least the congestion
         * interval, serving newest first with short timeouts.
         *
         * @return true if congested
         */
        boolean isCongested();

        /**
         * Returns the permits granted to one priority.
         *
         * @param priority the priority
         * @return a running total
         */
        long granted(Priority priority);

        /**
         * Returns the requests of one priority refused for one reason.
         *
         * @param priority the priority
         * @param rejection the reason
         * @return a running total
         */
        long rejected(Priority priority, BulkheadRejection rejection);
    }
}
