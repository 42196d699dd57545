package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.fail;
import static dev.headroom.breaker.Breakers.millis;
import static dev.headroom.breaker.Breakers.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTransitionsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<StateTransition> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "mail",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(4))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .halfOpenProbes(2)
                    .build(),
            ticker);

    ManualTransitionsTest() {
        breaker.addListener(transitions::add);
    }

    @Test
    void forcedOpenRefusesEveryCallForeverUntilMovedOn() {
        breaker.transitionTo(State.FORCED_OPEN);
        ticker.advance(Duration.ofDays(365));

        BreakerPermit refused = breaker.tryAcquirePermit();

        assertThat(refused.isPermitted()).isFalse();
        assertThat(refused.state()).isEqualTo(State.FORCED_OPEN);
        assertThat(breaker.state()).isEqualTo(State.FORCED_OPEN);
        breaker.transitionTo(State.CLOSED);
        assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
    }

    @Test
    void disabledLetsEverythingThroughAndJudgesNothing() {
        breaker.transitionTo(State.DISABLED);

        fail(breaker, 100);

        assertThat(breaker.state()).isEqualTo(State.DISABLED);
        assertThat(breaker.stats().failedCalls()).isZero();
        assertThat(breaker.tryAcquirePermit().state()).isEqualTo(State.DISABLED);
    }

    @Test
    void closingByHandStartsAnEmptyWindow() {
        succeed(breaker, 2);
        breaker.transitionTo(State.CLOSED);

        assertThat(breaker.stats().judgedCalls()).isZero();
        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.from()).isEqualTo(State.CLOSED);
            assertThat(transition.to()).isEqualTo(State.CLOSED);
            assertThat(transition.reason()).isEqualTo(StateTransition.Reason.MANUAL);
        });
    }

    @Test
    void openingByHandRefusesForTheOpenDurationThenProbes() {
        breaker.transitionTo(State.OPEN);
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();

        ticker.advance(Duration.ofSeconds(10));

        assertThat(breaker.tryAcquirePermit().state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void halfOpeningByHandStartsARoundOfProbes() {
        breaker.transitionTo(State.HALF_OPEN);

        breaker.tryAcquirePermit().onSuccess(millis(1));
        breaker.tryAcquirePermit().onSuccess(millis(1));

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void resetClosesFromAnyState() {
        breaker.transitionTo(State.FORCED_OPEN);

        breaker.reset();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(transitions.get(1).reason()).isEqualTo(StateTransition.Reason.RESET);
    }

    @Test
    void reconfiguringAClosedBreakerAppliesTheNewRulesToAnEmptyWindow() {
        succeed(breaker, 3);
        breaker.reconfigure(breaker.config().toBuilder().minimumCalls(1).build());

        assertThat(breaker.config().minimumCalls()).isEqualTo(1);
        assertThat(breaker.stats().judgedCalls()).isZero();
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(transitions.get(0).reason()).isEqualTo(StateTransition.Reason.RECONFIGURED);
    }

    @Test
    void reconfiguringAnOpenBreakerKeepsItsDeadline() {
        fail(breaker, 2);
        ticker.advance(Duration.ofSeconds(6));

        breaker.reconfigure(breaker.config().toBuilder().halfOpenProbes(1).build());

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        ticker.advance(Duration.ofSeconds(4));
        breaker.tryAcquirePermit().onSuccess(millis(1)); // one probe now suffices
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void reconfiguringAHalfOpenBreakerStartsANewRoundUnderTheNewRules() {
        breaker.transitionTo(State.HALF_OPEN);
        BreakerPermit oldProbe = breaker.tryAcquirePermit();

        breaker.reconfigure(breaker.config().toBuilder().halfOpenProbes(3).build());
        oldProbe.onError(new IllegalStateException(), millis(1)); // belongs to the old round

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.stats().judgedCalls()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(breaker.tryAcquirePermit().isPermitted()).isTrue();
        }
        assertThat(breaker.tryAcquirePermit().isPermitted()).isFalse();
    }

    @Test
    void transitionsAreNumberedInTheOrderTheyHappened() {
        breaker.transitionTo(State.OPEN);
        breaker.transitionTo(State.HALF_OPEN);
        breaker.reset();

        assertThat(transitions).extracting(StateTransition::sequence).containsExactly(1L, 2L, 3L);
        assertThat(transitions).extracting(StateTransition::breakerName).containsOnly("mail");
    }
}
