package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class RetryAsyncTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<CompletableFuture<String>> attempts = new ArrayList<>();
    private final List<Runnable> handedToExecutor = new ArrayList<>();
    private final Executor executor = task -> {
        handedToExecutor.add(task);
        task.run();
    };
    private final Retry retry = Retry.of(
            "async",
            RetryConfig.builder()
                    .maxAttempts(3)
                    .backoff(Backoff.fixed(Duration.ofSeconds(1)))
                    .budget(RetryBudget.unlimited())
                    .build(),
            scheduler,
            executor);

    private CompletionStage<String> call() {
        return retry.callAsync(() -> {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            return attempt;
        });
    }

    @Test
    void retriesAFailedStageAfterTheBackoffOnTheExecutor() {
        CompletionStage<String> result = call();
        attempts.get(0).completeExceptionally(new IOException("first"));

        assertThat(attempts).hasSize(1);
        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(attempts).hasSize(2);
        assertThat(handedToExecutor).hasSize(1);
        attempts.get(1).complete("second time lucky");
        assertThat(result.toCompletableFuture().join()).isEqualTo("second time lucky");
        assertThat(retry.metrics().successfulAfterRetry()).isEqualTo(1);
    }

    @Test
    void completesWithTheLastFailureUnwrappedWhenAttemptsRunOut() {
        CompletionStage<String> result = call();
        IOException last = new IOException("third");

        attempts.get(0).completeExceptionally(new IOException("first"));
        scheduler.advance(Duration.ofSeconds(1));
        attempts.get(1).completeExceptionally(new IOException("second"));
        scheduler.advance(Duration.ofSeconds(1));
        attempts.get(2).completeExceptionally(last);

        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isSameAs(last);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void cancellingStopsTheRetriesAndCancelsTheWaitAndTheAttempt() {
        CompletionStage<String> result = call();
        attempts.get(0).completeExceptionally(new IOException("first"));

        result.toCompletableFuture().cancel(true);
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(attempts).hasSize(1);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void cancellingDuringAnAttemptCancelsIt() {
        CompletionStage<String> result = call();

        result.toCompletableFuture().cancel(true);

        assertThat(attempts.get(0)).isCancelled();
        assertThat(attempts).hasSize(1);
    }

    @Test
    void aSupplierThatThrowsIsARetryableFailedAttempt() {
        int[] calls = new int[1];
        CompletionStage<String> result = retry.callAsync(() -> {
            if (++calls[0] == 1) {
                throw new IllegalStateException("could not start");
            }
            return CompletableFuture.completedFuture("started");
        });

        scheduler.advance(Duration.ofSeconds(1));

        assertThat(result.toCompletableFuture().join()).isEqualTo("started");
    }

    @Test
    void anExecutorThatRefusesFailsTheCall() {
        Retry refusing = Retry.of(
                "refusing",
                RetryConfig.builder()
                        .backoff(Backoff.fixed(Duration.ofSeconds(1)))
                        .budget(RetryBudget.unlimited())
                        .build(),
                scheduler,
                task -> {
                    throw new java.util.concurrent.RejectedExecutionException("shut down");
                });

        CompletionStage<String> result =
                refusing.callAsync(() -> CompletableFuture.failedFuture(new IOException("first")));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .withMessage("shut down");
    }
}
