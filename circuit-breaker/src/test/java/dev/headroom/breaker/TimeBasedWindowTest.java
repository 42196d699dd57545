package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.fail;
import static dev.headroom.breaker.Breakers.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeBasedWindowTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "inventory",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastDuration(Duration.ofSeconds(10)))
                    .minimumCalls(4)
                    .failureRateThreshold(50)
                    .build(),
            ticker);

    @Test
    void callsStayForTheWholeLengthAndThenAgeOut() {
        fail(breaker, 1);
        succeed(breaker, 3);
        assertThat(breaker.stats().judgedCalls()).isEqualTo(4);

        ticker.advance(Duration.ofSeconds(9));
        assertThat(breaker.stats().judgedCalls()).isEqualTo(4);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(breaker.stats().judgedCalls()).isZero();
    }

    @Test
    void agedOutFailuresNoLongerCount() {
        fail(breaker, 3);
        ticker.advance(Duration.ofSeconds(10));

        succeed(breaker, 3);
        fail(breaker, 1); // 1 of 4 in the window: the earlier three are gone

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(25.0);
    }

    @Test
    void agedOutSuccessesCanLeaveTheRateAboveTheThreshold() {
        succeed(breaker, 4);
        ticker.advance(Duration.ofSeconds(5));
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED); // 2 of 6

        ticker.advance(Duration.ofSeconds(5)); // the successes age out
        succeed(breaker, 2); // 2 failures of 4

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void callsSpreadOverTheWindowAllCount() {
        for (int second = 0; second < 9; second++) {
            succeed(breaker, 1);
            ticker.advance(Duration.ofSeconds(1));
        }

        assertThat(breaker.stats().judgedCalls()).isEqualTo(9);
        fail(breaker, 9);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }
}
