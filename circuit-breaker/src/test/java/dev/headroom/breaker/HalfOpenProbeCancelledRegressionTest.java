package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Regression for resilience4j#903 and sentinel#1638: a probe whose call was cancelled (a future
 * cancelled by its caller, an interrupted thread) never gave its permit back, and HALF_OPEN got
 * stuck. Here cancellation frees the probe's slot at once, for another probe.
 */
class HalfOpenProbeCancelledRegressionTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "pricing",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .halfOpenProbes(1)
                    .build(),
            ticker);

    HalfOpenProbeCancelledRegressionTest() {
        Breakers.tripAndWait(breaker, ticker, Duration.ofSeconds(10));
    }

    @Test
    void cancellingAnAsyncProbeGivesItsSlotBackAndCancelsTheWork() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> probe = breaker.callAsync(() -> work);
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();

        probe.toCompletableFuture().cancel(true);

        assertThat(work).isCancelled();
        BreakerPermit next = breaker.tryAcquirePermit();
        assertThat(next.isPermitted()).isTrue();
        next.onSuccess(millis(1));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void cancellingTheFallbackStageCancelsTheProbeToo() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> answered = breaker.callAsync(() -> work, error -> "fallback");

        answered.toCompletableFuture().cancel(true);

        assertThat(work).isCancelled();
        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
    }

    @Test
    void aProbeInterruptedMidCallGivesItsSlotBack() {
        assertThatThrownBy(() -> breaker.call(() -> {
                    throw new InterruptedException("shutting down");
                }))
                .isInstanceOf(InterruptedException.class);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
        assertThat(breaker.stats().ignoredCalls()).isEqualTo(1);
    }

    @Test
    void releasingAProbeGivesItsSlotBack() {
        BreakerPermit abandoned = breaker.tryAcquirePermit();
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();

        abandoned.release();
        abandoned.onError(new IllegalStateException("too late"), millis(1));

        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aCompletedProbeIsNotReleasedByALaterCancel() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> probe = breaker.callAsync(() -> work);

        work.complete("ok");
        probe.toCompletableFuture().cancel(true);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().ignoredCalls()).isZero();
    }
}
