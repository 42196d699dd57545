package dev.headroom.breaker.internal;

import dev.headroom.breaker.Guard;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Helpers the wrappers of every component share: unchecked calls, unwrapping, stage plumbing. */
public final class Calls {

    private Calls() {}

    /**
     * Runs {@code supplier} through {@code guard}, turning an interruption of the waiting guard into
     * a {@link CancellationException} with the interrupt status set again.
     *
     * @param <V> the result type
     * @param guard the guard
     * @param supplier the work, which throws only unchecked exceptions
     * @return what the supplier returned
     */
    public static <V extends @Nullable Object> V callUnchecked(Guard guard, Supplier<V> supplier) {
        try {
            return guard.call(supplier::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted while waiting in a guard");
            cancelled.initCause(e);
            throw cancelled;
        } catch (Exception e) {
            // Guards throw no other checked exception, and a Supplier cannot.
            throw new CompletionException(e);
        }
    }

    /**
     * Returns the failure inside the wrappers that {@link CompletableFuture} and {@link Future} add.
     *
     * @param error a failure from a stage or a future
     * @return its cause if {@code error} is a {@link CompletionException} or {@link
     *     ExecutionException} with one, else {@code error}
     */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Starts a stage, turning a supplier that throws or returns null into a failed stage.
     *
     * @param <V> the result type
     * @param stageSupplier starts the work
     * @return the started stage, or a failed one
     */
    public static <V extends @Nullable Object> CompletionStage<V> start(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        try {
            CompletionStage<V> stage = stageSupplier.get();
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("stageSupplier returned null"));
            }
            return stage;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Completes {@code target} as {@code value} or {@code error} say, unwrapping the error.
     *
     * @param <V> the result type
     * @param target the future to complete
     * @param value the value, if {@code error} is null
     * @param error the failure, or null
     */
    public static <V extends @Nullable Object> void complete(
            CompletableFuture<V> target, @Nullable V value, @Nullable Throwable error) {
        if (error == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(unwrap(error));
        }
    }

    /**
     * Cancels {@code stage}, interrupting its work, if it is a {@link Future}.
     *
     * @param stage a stage that is no longer wanted
     */
    public static void cancel(CompletionStage<?> stage) {
        if (stage instanceof Future<?> future) {
            future.cancel(true);
        }
    }

    /**
     * Calls {@code onCancel} if {@code result} is cancelled by whoever holds it.
     *
     * @param result the future handed to the caller
     * @param onCancel what gives back the resources the call held; must not throw
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the dependent only runs onCancel, which cannot fail
    public static void onCancellation(CompletableFuture<?> result, Runnable onCancel) {
        result.whenComplete((ignoredValue, ignoredError) -> {
            if (result.isCancelled()) {
                onCancel.run();
            }
        });
    }
}
