package dev.headroom.breaker.internal.retry;

import dev.headroom.breaker.internal.Calls;
import dev.headroom.core.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one asynchronous call. Each attempt's completion decides the next; waits are
 * timer tasks that only hand the next attempt to the executor. Cancelling {@link #result()} stops
 * the chain: the pending timer is cancelled and so is the attempt under way.
 */
final class AsyncRetry<V extends @Nullable Object> {

    private final DefaultRetry retry;
    private final Supplier<? extends CompletionStage<V>> stageSupplier;
    private final CompletableFuture<V> result = new CompletableFuture<>();
    private volatile @Nullable CompletionStage<V> current;
    private volatile Scheduler.@Nullable Cancellable timer;

    AsyncRetry(DefaultRetry retry, Supplier<? extends CompletionStage<V>> stageSupplier) {
        this.retry = retry;
        this.stageSupplier = stageSupplier;
        Calls.onCancellation(result, this::cancel);
    }

    CompletableFuture<V> result() {
        return result;
    }

    void attempt(int attempt, long previousDelay) {
        if (result.isDone()) {
            return;
        }
        CompletionStage<V> stage = Calls.start(stageSupplier);
        current = stage;
        stage.whenComplete(
                (value, error) -> settle(attempt, previousDelay, value, error == null ? null : Calls.unwrap(error)));
    }

    private void settle(int attempt, long previousDelay, @Nullable V value, @Nullable Throwable error) {
        if (result.isDone()) {
            return;
        }
        boolean retryable = retry.wantsRetry(error, value);
        long delay = retryable ? retry.nextDelay(attempt, previousDelay) : -1;
        if (delay < 0) {
            retry.counters.finished(attempt, error == null && !retryable);
            Calls.complete(result, value, error);
            return;
        }
        timer = retry.scheduler.schedule(() -> startLater(attempt + 1, delay), delay);
        if (result.isDone()) {
            cancel(); // cancelled while the timer was being set
        }
    }

    private void startLater(int attempt, long previousDelay) {
        try {
            retry.executor.execute(() -> attempt(attempt, previousDelay));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    private void cancel() {
        Scheduler.Cancellable pending = timer;
        if (pending != null) {
            pending.cancel();
        }
        CompletionStage<V> attempt = current;
        if (attempt != null) {
            Calls.cancel(attempt);
        }
    }
}
