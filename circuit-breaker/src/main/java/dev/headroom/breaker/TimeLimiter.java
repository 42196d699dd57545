package dev.headroom.breaker;

import dev.headroom.breaker.internal.timelimit.DefaultTimeLimiter;
import dev.headroom.core.Scheduler;
import dev.headroom.core.internal.DefaultExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Bounds how long a call may take, and stops the work when it is late.
 *
 * <p><b>Synchronous calls</b> ({@link #call(java.util.concurrent.Callable)} and friends) run on
 * an executor while the calling thread waits: by default Headroom's shared executor, which uses a
 * virtual thread per call when the running JDK has them and daemon platform threads otherwise.
 * At the timeout the work's thread is interrupted and the caller gets a {@link
 * TimeLimitExceededException} at once, without waiting for the work to notice. Work that ignores
 * interrupts keeps running; {@link Metrics#overdueCalls()} shows how much.
 *
 * <p><b>Asynchronous calls</b> ({@link #callAsync(Supplier)}) are not moved: at the timeout the
 * returned stage fails with {@link TimeLimitExceededException} and the underlying stage is
 * cancelled if it is a {@link java.util.concurrent.Future}.
 *
 * <p>The timeout is measured by the {@link Scheduler}; with a {@link dev.headroom.core.ManualScheduler} a test
 * fires it by advancing time. Thread-safe.
 */
public interface TimeLimiter extends Guard {

    /**
     * Creates a time limiter on the system scheduler and Headroom's shared executor.
     *
     * @param name the name metrics and exceptions carry
     * @param config the timeout
     * @return a time limiter
     */
    static TimeLimiter of(String name, TimeLimiterConfig config) {
        return of(name, config, Scheduler.system(), DefaultExecutor.shared());
    }

    /**
     * Creates a time limiter that measures timeouts on {@code scheduler} and runs synchronous
     * calls on {@code executor}.
     *
     * @param name the name metrics and exceptions carry
     * @param config the timeout
     * @param scheduler fires the timeouts
     * @param executor runs synchronous calls; it must be able to start each call promptly, since
     *     time spent queued counts against the timeout
     * @return a time limiter
     */
    static TimeLimiter of(String name, TimeLimiterConfig config, Scheduler scheduler, Executor executor) {
        return new DefaultTimeLimiter(name, config, scheduler, executor);
    }

    /**
     * Returns the time limiter's name.
     *
     * @return the name given at creation
     */
    String name();

    /**
     * Returns the timeout.
     *
     * @return the configuration given at creation
     */
    TimeLimiterConfig config();

    /**
     * {@inheritDoc}
     *
     * <p>The callable runs on the executor. If the caller is interrupted while waiting, the work
     * is interrupted too and {@link InterruptedException} is thrown.
     *
     * @throws TimeLimitExceededException if the call did not complete within the timeout
     * @throws java.util.concurrent.RejectedExecutionException if the executor refused the call
     */
    @Override
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * Returns live counters, for monitoring.
     *
     * @return a view that reads the time limiter at each call
     */
    Metrics metrics();

    /** Running totals of one time limiter since its creation, and one gauge. */
    interface Metrics {

        /**
         * Returns calls that completed in time with a result.
         *
         * @return a running total
         */
        long successfulCalls();

        /**
         * Returns calls that completed in time with an exception.
         *
         * @return a running total
         */
        long failedCalls();

        /**
         * Returns calls that timed out.
         *
         * @return a running total
         */
        long timedOutCalls();

        /**
         * Returns synchronous calls that timed out but whose work has not stopped yet, although
         * its thread was interrupted: work that ignores interrupts.
         *
         * @return the current number
         */
        long overdueCalls();
    }
}
