package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HalfOpenProbeTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<StateTransition> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "catalog",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .failureRateThreshold(50)
                    .slowCallRateThreshold(50)
                    .slowCallDuration(Duration.ofSeconds(1))
                    .openDuration(Duration.ofSeconds(5))
                    .halfOpenProbes(4)
                    .build(),
            ticker);

    HalfOpenProbeTest() {
        Breakers.tripAndWait(breaker, ticker, Duration.ofSeconds(5));
        breaker.addListener(transitions::add);
    }

    @Test
    void admitsExactlyTheConfiguredProbes() {
        List<BreakerPermit> probes = acquire(4);

        assertThat(probes).allMatch(BreakerPermit::isPermitted);
        BreakerPermit fifth = breaker.tryAcquirePermit();
        assertThat(fifth.isPermitted()).isFalse();
        assertThat(fifth.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void opensAsSoonAsTheFailuresReachTheThresholdOverAllProbes() {
        List<BreakerPermit> probes = acquire(4);

        probes.get(0).onError(new IllegalStateException(), millis(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN); // 1 of 4 probes: 25 %
        probes.get(1).onError(new IllegalStateException(), millis(1));

        assertThat(breaker.state()).isEqualTo(State.OPEN); // 2 of 4: 50 %, whatever the others say
        assertThat(transitions)
                .extracting(StateTransition::reason)
                .containsExactly(
                        StateTransition.Reason.OPEN_DURATION_ELAPSED, StateTransition.Reason.FAILURE_RATE_EXCEEDED);
    }

    @Test
    void closesAsSoonAsTheRemainingProbesCannotReachAThreshold() {
        List<BreakerPermit> probes = acquire(4);

        probes.get(0).onSuccess(millis(1));
        probes.get(1).onSuccess(millis(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN); // two more failures would be 50 %
        probes.get(2).onSuccess(millis(1));

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(transitions.get(transitions.size() - 1).reason()).isEqualTo(StateTransition.Reason.PROBES_SUCCEEDED);
    }

    @Test
    void aRoundBelowTheThresholdClosesOnceEveryProbeIsJudged() {
        List<BreakerPermit> probes = acquire(4);

        probes.get(0).onError(new IllegalStateException(), millis(1));
        probes.get(1).onSuccess(millis(1));
        probes.get(2).onSuccess(millis(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        probes.get(3).onSuccess(millis(1));

        assertThat(breaker.state()).isEqualTo(State.CLOSED); // 25 % < 50 %
    }

    @Test
    void slowProbesAreJudgedAsARateToo() {
        List<BreakerPermit> probes = acquire(4);

        probes.get(0).onSuccess(millis(1_000));
        probes.get(1).onSuccess(millis(3_000));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(transitions.get(transitions.size() - 1).reason())
                .isEqualTo(StateTransition.Reason.SLOW_CALL_RATE_EXCEEDED);
    }

    @Test
    void aProbeReportsOnlyOnce() {
        BreakerPermit probe = breaker.tryAcquirePermit();

        probe.onError(new IllegalStateException(), millis(1));
        probe.onError(new IllegalStateException(), millis(1));
        probe.onSuccess(millis(1));
        probe.release();

        assertThat(breaker.stats().judgedCalls()).isEqualTo(1);
        assertThat(breaker.stats().failureRate()).isEqualTo(100.0);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void probesOfAnEarlierRoundChangeNothing() {
        List<BreakerPermit> earlierRound = acquire(4);
        earlierRound.get(0).onError(new IllegalStateException(), millis(1));
        earlierRound.get(1).onError(new IllegalStateException(), millis(1));
        ticker.advance(Duration.ofSeconds(5));
        List<BreakerPermit> currentRound = acquire(1);

        earlierRound.get(2).onError(new IllegalStateException(), millis(1));
        earlierRound.get(3).onError(new IllegalStateException(), millis(1));

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(currentRound).singleElement().matches(BreakerPermit::isPermitted);
        assertThat(breaker.stats().judgedCalls()).isZero();
    }

    private List<BreakerPermit> acquire(int count) {
        List<BreakerPermit> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(breaker.tryAcquirePermit());
        }
        return permits;
    }
}
