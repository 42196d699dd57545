package dev.headroom.breaker.internal.timelimit;

import dev.headroom.breaker.TimeLimitExceededException;
import dev.headroom.breaker.TimeLimiter;
import dev.headroom.breaker.TimeLimiterConfig;
import dev.headroom.breaker.internal.Calls;
import dev.headroom.breaker.internal.backoff.Durations;
import dev.headroom.core.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The {@link TimeLimiter}: a scheduler timer per call that cancels the call's work when it fires. */
public final class DefaultTimeLimiter implements TimeLimiter {

    private final String name;
    private final TimeLimiterConfig config;
    private final Scheduler scheduler;
    private final Executor executor;
    private final long timeoutNanos;
    /** Immutable (no stack trace, no suppression), so one instance serves every timeout. */
    private final TimeLimitExceededException timeout;

    private final LongAdder successful = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final AtomicLong overdue = new AtomicLong();
    private final Metrics metrics = new LiveMetrics();

    /**
     * Creates a time limiter.
     *
     * @param name the name metrics and exceptions carry
     * @param config the timeout
     * @param scheduler fires the timeouts
     * @param executor runs synchronous calls
     */
    public DefaultTimeLimiter(String name, TimeLimiterConfig config, Scheduler scheduler, Executor executor) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.executor = executor;
        this.timeoutNanos = Durations.toNanosSaturated(config.timeout());
        this.timeout = new TimeLimitExceededException(name, config.timeout());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TimeLimiterConfig config() {
        return config;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        TimedTask<V> task = new TimedTask<>(callable, overdue);
        Scheduler.Cancellable timer = scheduler.schedule(task::expire, timeoutNanos);
        try {
            executor.execute(task);
        } catch (RuntimeException refused) {
            timer.cancel();
            throw refused;
        }
        try {
            V result = task.get();
            successful.increment();
            return result;
        } catch (CancellationException e) {
            if (task.timedOut()) {
                timedOut.increment();
                throw timeout;
            }
            throw e;
        } catch (ExecutionException e) {
            failed.increment();
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } finally {
            timer.cancel();
        }
    }

    private static Exception rethrowable(@Nullable Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof Exception exception) {
            return exception;
        }
        return new ExecutionException(cause);
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        CompletableFuture<V> result = new CompletableFuture<>();
        CompletionStage<V> stage = Calls.start(stageSupplier);
        Scheduler.Cancellable timer = scheduler.schedule(
                () -> {
                    if (result.completeExceptionally(timeout)) {
                        timedOut.increment();
                        Calls.cancel(stage);
                    }
                },
                timeoutNanos);
        stage.whenComplete((value, error) -> {
            timer.cancel();
            if (!result.isDone()) {
                (error == null ? successful : failed).increment();
                Calls.complete(result, value, error);
            }
        });
        Calls.onCancellation(result, () -> {
            timer.cancel();
            Calls.cancel(stage);
        });
        return result;
    }

    @Override
    public String toString() {
        return "TimeLimiter{" + name + ", " + config.timeout() + '}';
    }

    private final class LiveMetrics implements Metrics {

        @Override
        public long successfulCalls() {
            return successful.sum();
        }

        @Override
        public long failedCalls() {
            return failed.sum();
        }

        @Override
        public long timedOutCalls() {
            return timedOut.sum();
        }

        @Override
        public long overdueCalls() {
            return overdue.get();
        }
    }
}
