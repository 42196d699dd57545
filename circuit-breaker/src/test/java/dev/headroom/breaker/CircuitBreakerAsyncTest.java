package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CircuitBreakerAsyncTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "shipping",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .slowCallDuration(Duration.ofSeconds(1))
                    .build(),
            ticker);

    @Test
    void judgesTheStageWhenItCompletesMeasuringUntilThen() {
        CompletableFuture<String> work = new CompletableFuture<>();

        CompletionStage<String> result = breaker.callAsync(() -> work);
        ticker.advance(Duration.ofSeconds(2));
        assertThat(breaker.stats().successfulCalls()).isZero();
        work.complete("done");

        assertThat(result.toCompletableFuture().join()).isEqualTo("done");
        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
        assertThat(breaker.stats().slowCalls()).isEqualTo(1);
    }

    @Test
    void aFailedStageIsJudgedAndPassedOnUnwrapped() {
        IOException failure = new IOException("timeout");

        CompletionStage<String> result = breaker.callAsync(() -> CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(failure);
        }));

        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat()
                .havingCause()
                .isSameAs(failure);
        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aSupplierThatThrowsIsAFailedStageNotAnException() {
        IllegalStateException failure = new IllegalStateException("could not start");

        CompletionStage<String> result = breaker.callAsync(() -> {
            throw failure;
        });

        assertThat(result.toCompletableFuture()).isCompletedExceptionally();
        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aRefusalIsAFailedStageAndTheSupplierIsNeverCalled() {
        breaker.transitionTo(State.FORCED_OPEN);
        boolean[] called = new boolean[1];

        CompletionStage<String> result = breaker.callAsync(() -> {
            called[0] = true;
            return CompletableFuture.completedFuture("never");
        });

        assertThat(called[0]).isFalse();
        assertThat(result.toCompletableFuture())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void theFallbackAnswersARefusalOrAFailure() {
        CompletionStage<String> failed = breaker.callAsync(
                () -> CompletableFuture.failedFuture(new IOException("down")),
                error -> "cached: " + error.getMessage());
        assertThat(failed.toCompletableFuture().join()).isEqualTo("cached: down");

        breaker.transitionTo(State.FORCED_OPEN);
        CompletionStage<String> refused =
                breaker.callAsync(() -> CompletableFuture.completedFuture("never"), error -> "cached");

        assertThat(refused.toCompletableFuture().join()).isEqualTo("cached");
    }

    @Test
    void twoFailedStagesTripTheBreaker() {
        breaker.callAsync(() -> CompletableFuture.failedFuture(new IOException()));
        breaker.callAsync(() -> CompletableFuture.failedFuture(new IOException()));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
