package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowCallRuleTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "reports",
            CircuitBreakerConfig.builder()
                    .slowCallDuration(Duration.ofSeconds(1))
                    .slowCallRateThreshold(50)
                    .failureRateThreshold(100)
                    .slidingWindow(SlidingWindow.lastCalls(4))
                    .minimumCalls(4)
                    .build(),
            ticker);

    @Test
    void aCallOfExactlyTheSlowDurationIsSlow() {
        report(millis(1_000), millis(999), millis(999), millis(999));

        assertThat(breaker.stats().slowCalls()).isEqualTo(1);
        assertThat(breaker.stats().slowCallRate()).isEqualTo(25.0);
    }

    @Test
    void slowSuccessesAtTheRateThresholdOpenTheBreaker() {
        List<StateTransition> transitions = new ArrayList<>();
        breaker.addListener(transitions::add);

        report(millis(1_000), millis(5_000), millis(10), millis(10));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(transitions)
                .singleElement()
                .satisfies(transition ->
                        assertThat(transition.reason()).isEqualTo(StateTransition.Reason.SLOW_CALL_RATE_EXCEEDED));
        assertThat(breaker.stats().failedCalls()).isZero();
    }

    @Test
    void slowFailuresCountAsSlowToo() {
        for (int i = 0; i < 2; i++) {
            breaker.tryAcquirePermit().onError(new IllegalStateException(), millis(2_000));
        }
        report(millis(10), millis(10));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.stats().slowCalls()).isEqualTo(2);
        assertThat(breaker.stats().failedCalls()).isEqualTo(2);
    }

    @Test
    void theWrappersMeasureCallsOnTheBreakersTicker() throws Exception {
        for (int i = 0; i < 4; i++) {
            breaker.call(() -> {
                ticker.advance(Duration.ofSeconds(2));
                return "slow";
            });
        }

        assertThat(breaker.stats().slowCalls()).isEqualTo(4);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    private void report(long... durations) {
        for (long duration : durations) {
            breaker.tryAcquirePermit().onSuccess(duration);
        }
    }
}
