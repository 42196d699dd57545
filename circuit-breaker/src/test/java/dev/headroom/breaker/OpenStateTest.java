package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.fail;
import static dev.headroom.breaker.Breakers.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenStateTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void refusesEveryCallUntilTheOpenDurationElapses() {
        CircuitBreaker breaker = breaker(Backoff.fixed(Duration.ofSeconds(10)));
        fail(breaker, 2);

        ticker.advance(Duration.ofMillis(9_999));
        BreakerPermit refused = breaker.tryAcquirePermit();

        assertThat(refused.isPermitted()).isFalse();
        assertThat(refused.state()).isEqualTo(State.OPEN);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.stats().rejectedCalls()).isEqualTo(1);
    }

    @Test
    void movesToHalfOpenOnTheFirstRequestAfterTheOpenDurationWithoutATimer() {
        CircuitBreaker breaker = breaker(Backoff.fixed(Duration.ofSeconds(10)));
        List<StateTransition> transitions = new ArrayList<>();
        breaker.addListener(transitions::add);
        fail(breaker, 2);

        ticker.advance(Duration.ofSeconds(10));
        BreakerPermit probe = breaker.tryAcquirePermit();

        assertThat(probe.isPermitted()).isTrue();
        assertThat(probe.state()).isEqualTo(State.HALF_OPEN);
        assertThat(transitions)
                .extracting(StateTransition::reason)
                .containsExactly(
                        StateTransition.Reason.FAILURE_RATE_EXCEEDED, StateTransition.Reason.OPEN_DURATION_ELAPSED);
        assertThat(transitions.get(1).tickerNanos())
                .isEqualTo(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void readingTheStateAlsoNoticesTheElapsedOpenDuration() {
        CircuitBreaker breaker = breaker(Backoff.fixed(Duration.ofSeconds(10)));
        fail(breaker, 2);

        ticker.advance(Duration.ofSeconds(10));

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void theOpenDurationGrowsOnRepeatedTripsAndResetsAfterRecovery() {
        CircuitBreaker breaker = breaker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(4)));

        fail(breaker, 2); // trip 1: 1 s
        assertOpenFor(breaker, Duration.ofSeconds(1));
        fail(breaker, 1); // the probe fails: trip 2, 2 s
        assertOpenFor(breaker, Duration.ofSeconds(2));
        fail(breaker, 1); // trip 3: 4 s
        assertOpenFor(breaker, Duration.ofSeconds(4));
        fail(breaker, 1); // trip 4: capped at 4 s
        assertOpenFor(breaker, Duration.ofSeconds(4));

        succeed(breaker, 1); // recovered
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker, 2);
        assertOpenFor(breaker, Duration.ofSeconds(1));
    }

    @Test
    void resetForgetsEarlierTrips() {
        CircuitBreaker breaker = breaker(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        fail(breaker, 2);
        assertOpenFor(breaker, Duration.ofSeconds(1));
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        breaker.reset();
        fail(breaker, 2);

        assertOpenFor(breaker, Duration.ofSeconds(1));
    }

    @Test
    void aRandomizedOpenDurationDrawsOncePerTrip() {
        CircuitBreaker breaker = breaker(Backoff.fixed(Duration.ofSeconds(10)).withFullJitter(() -> 0.25));
        fail(breaker, 2);

        assertOpenFor(breaker, Duration.ofMillis(2_500));
    }

    private void assertOpenFor(CircuitBreaker breaker, Duration openDuration) {
        ticker.advance(openDuration.minusNanos(1));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        ticker.advance(Duration.ofNanos(1));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    private CircuitBreaker breaker(Backoff openDuration) {
        return CircuitBreaker.of(
                "ledger",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(2))
                        .minimumCalls(2)
                        .openDuration(openDuration)
                        .halfOpenProbes(1)
                        .build(),
                ticker);
    }
}
