package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.fail;
import static dev.headroom.breaker.Breakers.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regression for resilience4j#547: users could not tell whether a count window must fill before
 * the breaker may trip. Here the rule is one sentence: the breaker may trip once the window holds
 * {@code minimumCalls} calls, full or not, and rates are over the calls it holds.
 */
class MinimumCallsRuleTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void fewerCallsThanTheMinimumNeverTripEvenIfAllFailed() {
        CircuitBreaker breaker = countBased(100, 10);

        fail(breaker, 9);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(-1);
        assertThat(breaker.stats().judgedCalls()).isEqualTo(9);
    }

    @Test
    void theWindowNeedNotBeFullTheMinimumIsEnough() {
        CircuitBreaker breaker = countBased(100, 10);

        fail(breaker, 10);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void ratesAreOverTheCallsInTheWindowNotOverItsSize() {
        CircuitBreaker breaker = countBased(100, 10);

        succeed(breaker, 5);
        fail(breaker, 5); // 5 of 10 calls, though the window could hold 100

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aSuccessCanBeTheCallThatReachesTheMinimumAndTrips() {
        CircuitBreaker breaker = countBased(100, 10);

        fail(breaker, 9);
        succeed(breaker, 1); // 90 % of 10

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aMinimumEqualToTheWindowWaitsForAFullWindow() {
        CircuitBreaker breaker = countBased(10, 10);

        fail(breaker, 9);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker, 1);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void inATimeBasedWindowTheMinimumCountsCallsStillInTheWindow() {
        CircuitBreaker breaker = CircuitBreaker.of(
                "search",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastDuration(Duration.ofSeconds(10)))
                        .minimumCalls(5)
                        .build(),
                ticker);

        fail(breaker, 4);
        ticker.advance(Duration.ofSeconds(11)); // those four age out
        fail(breaker, 4);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail(breaker, 1);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    private CircuitBreaker countBased(int window, int minimumCalls) {
        return CircuitBreaker.of(
                "search",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(window))
                        .minimumCalls(minimumCalls)
                        .build(),
                ticker);
    }
}
