package dev.headroom.breaker;

import dev.headroom.breaker.internal.Calls;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs calls under one protection rule: a breaker, a retry, a time limit, a bulkhead, a throttle,
 * or a {@link ResiliencePipeline} of several. These are the convenience wrappers; each component
 * also has a non-throwing decision API for hot paths.
 *
 * <p>A guard that refuses a call throws an unchecked exception without a stack trace that names
 * the component ({@link CallRejectedException}, {@link TimeLimitExceededException}). Whatever the
 * call itself throws reaches the caller unchanged, never wrapped.
 */
public interface Guard {

    /**
     * Runs {@code callable} under this guard.
     *
     * @param <V> the result type
     * @param callable the work; it may be run more than once by a retry, or on another thread by a
     *     time limiter
     * @return what {@code callable} returned
     * @throws CallRejectedException if this guard refused the call
     * @throws TimeLimitExceededException if the call took longer than a time limit
     * @throws InterruptedException if the calling thread was interrupted while the guard waited
     * @throws Exception whatever {@code callable} threw
     */
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * Runs {@code supplier} under this guard.
     *
     * @param <V> the result type
     * @param supplier the work
     * @return what {@code supplier} returned
     * @throws CallRejectedException if this guard refused the call
     * @throws TimeLimitExceededException if the call took longer than a time limit
     * @throws CancellationException if the calling thread was interrupted while the guard waited;
     *     the thread's interrupt status is set again
     */
    default <V extends @Nullable Object> V supply(Supplier<V> supplier) {
        return Calls.callUnchecked(this, supplier);
    }

    /**
     * Runs {@code supplier} under this guard, and answers with {@code fallback} if the guard refused
     * the call or the call threw a {@link RuntimeException}. Errors propagate.
     *
     * @param <V> the result type
     * @param supplier the work
     * @param fallback turns the failure (a {@link CallRejectedException}, such as {@link
     *     CallNotPermittedException}, if refused) into an answer
     * @return the supplier's result or the fallback's
     */
    default <V extends @Nullable Object> V supply(
            Supplier<V> supplier, Function<? super RuntimeException, ? extends V> fallback) {
        try {
            return supply(supplier);
        } catch (RuntimeException e) {
            return fallback.apply(e);
        }
    }

    /**
     * Runs {@code runnable} under this guard.
     *
     * @param runnable the work
     * @throws CallRejectedException if this guard refused the call
     * @throws TimeLimitExceededException if the call took longer than a time limit
     * @throws CancellationException if the calling thread was interrupted while the guard waited;
     *     the thread's interrupt status is set again
     */
    default void run(Runnable runnable) {
        Calls.callUnchecked(this, () -> {
            runnable.run();
            return null;
        });
    }

    /**
     * Runs an asynchronous call under this guard. The guard judges the call by how its stage
     * completes. A refusal does not throw: it completes the returned stage exceptionally with a
     * {@link CallRejectedException}. Cancelling the returned stage's {@code CompletableFuture}
     * gives back whatever the call held (a half-open probe, a bulkhead slot) and cancels the
     * underlying stage if it is a {@link java.util.concurrent.Future}.
     *
     * @param <V> the result type
     * @param stageSupplier starts the work; called once per attempt
     * @return a stage that completes as the guarded call does
     */
    <V extends @Nullable Object> CompletionStage<V> callAsync(Supplier<? extends CompletionStage<V>> stageSupplier);
}
