package dev.headroom.breaker.internal.retry;

import dev.headroom.breaker.Retry;
import dev.headroom.breaker.RetryConfig;
import dev.headroom.core.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Retry}: a loop on the calling thread, or {@link AsyncRetry} for stages. */
public final class DefaultRetry implements Retry {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRetry.class);

    private final String name;
    private final RetryConfig config;
    final Scheduler scheduler;
    final Executor executor;
    final RetryCounters counters = new RetryCounters();
    private final BudgetTracker budget;

    /**
     * Creates a retry.
     *
     * @param name the name metrics carry
     * @param config the rules
     * @param scheduler how to wait, and the clock of the budget
     * @param executor where asynchronous attempts after the first start
     */
    public DefaultRetry(String name, RetryConfig config, Scheduler scheduler, Executor executor) {
        this.name = name;
        this.config = config;
        this.scheduler = scheduler;
        this.executor = executor;
        this.budget = new BudgetTracker(config.budget(), scheduler.ticker());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RetryConfig config() {
        return config;
    }

    @Override
    public Metrics metrics() {
        return counters;
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        budget.recordCall();
        long previousDelay = 0;
        for (int attempt = 1; ; attempt++) {
            V result;
            try {
                result = callable.call();
            } catch (Throwable error) {
                long delay = wantsRetry(error, null) ? nextDelay(attempt, previousDelay) : -1;
                if (delay < 0 || !pause(delay)) {
                    counters.finished(attempt, false);
                    throw error;
                }
                previousDelay = delay;
                continue;
            }
            boolean retryable = wantsRetry(null, result);
            long delay = retryable ? nextDelay(attempt, previousDelay) : -1;
            if (delay < 0 || !pause(delay)) {
                counters.finished(attempt, !retryable);
                return result;
            }
            previousDelay = delay;
        }
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        budget.recordCall();
        AsyncRetry<V> retry = new AsyncRetry<>(this, stageSupplier);
        retry.attempt(1, 0);
        return retry.result();
    }

    /** Applies the retry rules; a rule that throws is logged and means "do not retry". */
    boolean wantsRetry(@Nullable Throwable error, @Nullable Object result) {
        try {
            return error != null
                    ? config.retryOn().test(error)
                    : config.retryOnResult().test(result);
        } catch (RuntimeException e) {
            LOG.warn("Retry '{}': retry rule threw; not retrying", name, e);
            return false;
        }
    }

    /**
     * Decides on another attempt after a retryable outcome and counts it.
     *
     * @return the wait before it in nanoseconds, or -1 if attempts or budget are used up
     */
    long nextDelay(int attemptsMade, long previousDelay) {
        if (attemptsMade >= config.maxAttempts()) {
            return -1;
        }
        if (!budget.tryAcquireRetry()) {
            counters.refusedByBudget();
            return -1;
        }
        counters.retried();
        return Math.max(0, config.backoff().delayNanos(attemptsMade, previousDelay));
    }

    private boolean pause(long delayNanos) {
        try {
            scheduler.sleep(delayNanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "Retry{" + name + ", " + config + '}';
    }
}
