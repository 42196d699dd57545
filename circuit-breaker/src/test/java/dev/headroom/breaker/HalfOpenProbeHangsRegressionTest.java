package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regression for resilience4j#544 and #903: a half-open probe that hung and never reported kept
 * its permit forever, and the breaker stayed HALF_OPEN refusing everything. Here a probe not
 * reported within {@code maxProbeDuration} is judged a failed, slow call.
 */
class HalfOpenProbeHangsRegressionTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "recommendations",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .halfOpenProbes(2)
                    .maxProbeDuration(Duration.ofSeconds(3))
                    .build(),
            ticker);

    HalfOpenProbeHangsRegressionTest() {
        Breakers.tripAndWait(breaker, ticker, Duration.ofSeconds(10));
    }

    @Test
    void hungProbesExpireAndTheBreakerReopensInsteadOfStayingHalfOpen() {
        BreakerPermit hung1 = breaker.tryAcquirePermit();
        BreakerPermit hung2 = breaker.tryAcquirePermit();
        assertThat(hung1.isPermitted()).isTrue();
        assertThat(hung2.isPermitted()).isTrue();
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();

        ticker.advance(Duration.ofMillis(2_999));
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);

        ticker.advance(Duration.ofMillis(1));
        BreakerPermit afterExpiry = breaker.tryAcquirePermit();

        assertThat(afterExpiry.isPermitted()).isFalse();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.stats().failedCalls()).isEqualTo(2 + 2); // the trip, then two expired probes
        assertThat(breaker.stats().slowCalls()).isEqualTo(2);
    }

    @Test
    void theBreakerRecoversOnceTheDependencyAnswersAgain() {
        breaker.tryAcquirePermit();
        breaker.tryAcquirePermit();
        ticker.advance(Duration.ofSeconds(3));
        breaker.tryAcquirePermit(); // expires both probes: OPEN again

        ticker.advance(Duration.ofSeconds(10));
        breaker.tryAcquirePermit().onSuccess(millis(5));
        breaker.tryAcquirePermit().onSuccess(millis(5));

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aHungProbeThatFinallyReportsIsIgnored() {
        BreakerPermit hung = breaker.tryAcquirePermit();
        BreakerPermit healthy = breaker.tryAcquirePermit();
        healthy.onSuccess(millis(5));
        ticker.advance(Duration.ofSeconds(3));
        breaker.tryAcquirePermit(); // expires the hung one: 1 failure of 2 probes = 50 %, OPEN

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        hung.onSuccess(millis(3_500));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void onlyOverdueProbesExpire() {
        BreakerPermit old = breaker.tryAcquirePermit();
        ticker.advance(Duration.ofSeconds(2));
        BreakerPermit recent = breaker.tryAcquirePermit();
        ticker.advance(Duration.ofSeconds(1));

        breaker.tryAcquirePermit(); // the old probe expires; 1 of 2 failed = 50 %: OPEN

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(old.isPermitted()).isTrue();
        assertThat(recent.isPermitted()).isTrue();
        assertThat(breaker.stats().slowCalls()).isEqualTo(1);
    }
}
