package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Regression for resilience4j#935: a half-open probe that ended in an ignored exception was neither
 * counted nor released, so after {@code halfOpenProbes} ignored outcomes the breaker refused every
 * call forever. Here an ignored outcome frees the slot; the round still needs its judged probes.
 */
class HalfOpenIgnoredOutcomeRegressionTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "profiles",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .halfOpenProbes(2)
                    .ignoreOn(error -> error instanceof IllegalArgumentException)
                    .build(),
            ticker);

    HalfOpenIgnoredOutcomeRegressionTest() {
        Breakers.tripAndWait(breaker, ticker, Duration.ofSeconds(10));
    }

    @Test
    void ignoredOutcomesFreeTheirSlotsAndTheRoundWaitsForJudgedProbes() {
        for (int i = 0; i < 10; i++) {
            BreakerPermit probe = breaker.tryAcquirePermit();
            assertThat(probe.isPermitted()).as("probe %d", i).isTrue();
            probe.onError(new IllegalArgumentException("bad request"), millis(1));
        }
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.stats().ignoredCalls()).isEqualTo(10);

        breaker.tryAcquirePermit().onSuccess(millis(1));
        breaker.tryAcquirePermit().onSuccess(millis(1));

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void theWrappersIgnoreTheSameWay() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> breaker.run(() -> {
                        throw new IllegalArgumentException("bad request");
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
    }

    @Test
    void asyncProbesEndingInIgnoredFailuresFreeTheirSlots() {
        for (int i = 0; i < 5; i++) {
            breaker.callAsync(() -> CompletableFuture.failedFuture(new IllegalArgumentException("bad request")));
        }

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
    }
}
