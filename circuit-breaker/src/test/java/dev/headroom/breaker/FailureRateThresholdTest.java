package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.fail;
import static dev.headroom.breaker.Breakers.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import org.junit.jupiter.api.Test;

class FailureRateThresholdTest {

    private final ManualTicker ticker = new ManualTicker();

    private CircuitBreaker breaker(double threshold, int window, int minimumCalls) {
        return CircuitBreaker.of(
                "payments",
                CircuitBreakerConfig.builder()
                        .failureRateThreshold(threshold)
                        .slidingWindow(SlidingWindow.lastCalls(window))
                        .minimumCalls(minimumCalls)
                        .build(),
                ticker);
    }

    @Test
    void theThresholdIsInclusive() {
        CircuitBreaker breaker = breaker(50, 10, 10);

        succeed(breaker, 5);
        fail(breaker, 4);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail(breaker, 1); // 5 of 10: exactly 50 %

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void justBelowTheThresholdStaysClosed() {
        CircuitBreaker breaker = breaker(50, 10, 10);

        succeed(breaker, 6);
        fail(breaker, 4);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(40.0);
    }

    @Test
    void aFractionalThresholdIsReachedByTheRateItNames() {
        CircuitBreaker breaker = breaker(33.3, 3, 3);

        succeed(breaker, 2);
        fail(breaker, 1); // 33.33... % >= 33.3 %

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aHundredPercentThresholdNeedsEveryCallToFail() {
        CircuitBreaker breaker = breaker(100, 4, 4);

        succeed(breaker, 1);
        fail(breaker, 3);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail(breaker, 1); // the success is evicted: 4 of 4 failed

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void theCountBasedWindowForgetsTheOldestCall() {
        CircuitBreaker breaker = breaker(50, 4, 4);

        fail(breaker, 1);
        succeed(breaker, 3);
        assertThat(breaker.stats().failureRate()).isEqualTo(25.0);

        succeed(breaker, 1); // evicts the failure

        assertThat(breaker.stats().failureRate()).isZero();
        assertThat(breaker.stats().judgedCalls()).isEqualTo(4);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void theTransitionSaysTheFailureRateTripped() {
        CircuitBreaker breaker = breaker(50, 10, 2);
        StateTransition[] seen = new StateTransition[1];
        breaker.addListener(transition -> seen[0] = transition);

        fail(breaker, 2);

        assertThat(seen[0].reason()).isEqualTo(StateTransition.Reason.FAILURE_RATE_EXCEEDED);
        assertThat(seen[0].from()).isEqualTo(State.CLOSED);
        assertThat(seen[0].to()).isEqualTo(State.OPEN);
    }

    @Test
    void callsReportedAfterTheBreakerOpenedAreDropped() {
        CircuitBreaker breaker = breaker(50, 10, 2);
        BreakerPermit lateCall = breaker.tryAcquirePermit();
        fail(breaker, 2);

        lateCall.onError(new IllegalStateException("late"), 1);

        assertThat(breaker.stats().judgedCalls()).isZero();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
