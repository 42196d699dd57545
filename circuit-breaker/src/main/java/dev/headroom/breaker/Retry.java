package dev.headroom.breaker;

import dev.headroom.breaker.internal.retry.DefaultRetry;
import dev.headroom.core.Scheduler;
import dev.headroom.core.internal.DefaultExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a call again when it fails in a way worth retrying, waiting a {@link Backoff} between
 * attempts, within a {@link RetryBudget}. The rules are in {@link RetryConfig}.
 *
 * <p>The call sees exactly what the last attempt produced: its result, or its exception
 * unwrapped. A retry stops at the first failure its rule does not retry, when the attempts are
 * used up, or when the budget refuses another retry. Synchronous calls wait on the calling thread
 * through {@link Scheduler#sleep(long)}; if that thread is interrupted, retrying stops, the
 * interrupt status is kept, and the last failure is thrown (or the last result returned).
 * Asynchronous calls wait on {@link Scheduler#schedule(Runnable, long)} and start later attempts
 * on an executor, never on the timer thread; cancelling the returned future stops retrying and
 * cancels the attempt under way.
 *
 * <p>Thread-safe: one instance guards any number of concurrent calls, which share its budget.
 */
public interface Retry extends Guard {

    /**
     * Creates a retry that waits on the system scheduler.
     *
     * @param name the name metrics carry
     * @param config the rules
     * @return a retry
     */
    static Retry of(String name, RetryConfig config) {
        return of(name, config, Scheduler.system());
    }

    /**
     * Creates a retry that waits on {@code scheduler} and counts its budget on the scheduler's
     * ticker. Later asynchronous attempts start on Headroom's shared executor (virtual threads
     * when the JDK has them).
     *
     * @param name the name metrics carry
     * @param config the rules
     * @param scheduler how to wait; a {@link dev.headroom.core.ManualScheduler} in tests
     * @return a retry
     */
    static Retry of(String name, RetryConfig config, Scheduler scheduler) {
        return of(name, config, scheduler, DefaultExecutor.shared());
    }

    /**
     * Creates a retry that waits on {@code scheduler} and starts later asynchronous attempts on
     * {@code executor}.
     *
     * @param name the name metrics carry
     * @param config the rules
     * @param scheduler how to wait
     * @param executor where asynchronous attempts after the first start
     * @return a retry
     */
    static Retry of(String name, RetryConfig config, Scheduler scheduler, Executor executor) {
        return new DefaultRetry(name, config, scheduler, executor);
    }

    /**
     * Returns the retry's name.
     *
     * @return the name given at creation
     */
    String name();

    /**
     * Returns the rules.
     *
     * @return the configuration given at creation
     */
    RetryConfig config();

    /**
     * {@inheritDoc}
     *
     * @throws Exception what the last attempt threw
     */
    @Override
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * {@inheritDoc}
     *
     * <p>The supplier is called once per attempt; the returned stage completes as the last
     * attempt's stage did.
     */
    @Override
    <V extends @Nullable Object> CompletionStage<V> callAsync(Supplier<? extends CompletionStage<V>> stageSupplier);

    /**
     * Returns live counters, for monitoring.
     *
     * @return a view that reads the retry at each call
     */
    Metrics metrics();

    /** Running totals of one retry since its creation. */
    interface Metrics {

        /**
         * Returns calls that succeeded on their first attempt.
         *
         * @return a running total
         */
        long successfulWithoutRetry();

        /**
         * Returns calls that succeeded after at least one retry.
         *
         * @return a running total
         */
        long successfulAfterRetry();

        /**
         * Returns calls that failed on their first attempt and were not retried: the failure was
         * not retryable, or there was no attempt or budget left.
         *
         * @return a running total
         */
        long failedWithoutRetry();

        /**
         * Returns calls that failed after at least one retry.
         *
         * @return a running total
         */
        long failedAfterRetry();

        /**
         * Returns the retries made: attempts after the first.
         *
         * @return a running total
         */
        long retries();

        /**
         * Returns the retries the budget refused.
         *
         * @return a running total
         */
        long retriesRefusedByBudget();
    }
}
