package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class TimeLimiterAsyncTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final TimeLimiter limiter = TimeLimiter.of(
            "search",
            TimeLimiterConfig.builder().timeout(Duration.ofMillis(200)).build(),
            scheduler,
            Runnable::run);

    @Test
    void aStageThatCompletesInTimePassesThroughAndCancelsTheTimer() {
        CompletableFuture<String> work = new CompletableFuture<>();

        CompletionStage<String> result = limiter.callAsync(() -> work);
        work.complete("hits");

        assertThat(result.toCompletableFuture().join()).isEqualTo("hits");
        assertThat(scheduler.pendingTasks()).isZero();
        assertThat(limiter.metrics().successfulCalls()).isEqualTo(1);
    }

    @Test
    void atTheTimeoutTheStageFailsAndTheWorkIsCancelled() {
        CompletableFuture<String> work = new CompletableFuture<>();

        CompletionStage<String> result = limiter.callAsync(() -> work);
        scheduler.advance(Duration.ofMillis(199));
        assertThat(result.toCompletableFuture()).isNotDone();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(TimeLimitExceededException.class);
        assertThat(work).isCancelled();
        assertThat(limiter.metrics().timedOutCalls()).isEqualTo(1);
    }

    @Test
    void aLateCompletionChangesNothing() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = limiter.callAsync(() -> work);
        scheduler.advance(Duration.ofMillis(200));

        work.obtrudeValue("too late");

        assertThat(result.toCompletableFuture()).isCompletedExceptionally();
        assertThat(limiter.metrics().successfulCalls()).isZero();
    }

    @Test
    void aFailedStagePassesItsFailureThroughUnwrapped() {
        IOException failure = new IOException("down");

        CompletionStage<String> result = limiter.callAsync(() -> CompletableFuture.failedFuture(failure));

        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isSameAs(failure);
        assertThat(limiter.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void cancellingTheResultCancelsTheWorkAndTheTimer() {
        CompletableFuture<String> work = new CompletableFuture<>();

        limiter.callAsync(() -> work).toCompletableFuture().cancel(true);

        assertThat(work).isCancelled();
        assertThat(scheduler.pendingTasks()).isZero();
    }
}
