package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class CircuitBreakerConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        CircuitBreakerConfig config = CircuitBreakerConfig.ofDefaults();

        assertThat(config.failureRateThreshold()).isEqualTo(CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD);
        assertThat(config.slowCallRateThreshold()).isEqualTo(CircuitBreakerConfig.DEFAULT_SLOW_CALL_RATE_THRESHOLD);
        assertThat(config.slowCallDuration()).isEqualTo(CircuitBreakerConfig.DEFAULT_SLOW_CALL_DURATION);
        assertThat(config.slidingWindow()).isEqualTo(SlidingWindow.lastCalls(100));
        assertThat(config.minimumCalls()).isEqualTo(CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS);
        assertThat(config.openDuration().delayNanos(1, 0))
                .isEqualTo(CircuitBreakerConfig.DEFAULT_OPEN_DURATION.toNanos());
        assertThat(config.openDuration().delayNanos(7, 0))
                .isEqualTo(CircuitBreakerConfig.DEFAULT_OPEN_DURATION.toNanos());
        assertThat(config.halfOpenProbes()).isEqualTo(CircuitBreakerConfig.DEFAULT_HALF_OPEN_PROBES);
        assertThat(config.maxProbeDuration()).isEqualTo(CircuitBreakerConfig.DEFAULT_MAX_PROBE_DURATION);
    }

    @Test
    void defaultRulesCountEveryThrowableAsFailureButIgnoreCancellationAndInnerRefusals() {
        CircuitBreakerConfig config = CircuitBreakerConfig.ofDefaults();

        assertThat(config.failureOn().test(new IOException())).isTrue();
        assertThat(config.failureOn().test(new StackOverflowError())).isTrue();
        assertThat(config.ignoreOn().test(new CancellationException())).isTrue();
        assertThat(config.ignoreOn().test(new InterruptedException())).isTrue();
        assertThat(config.ignoreOn()
                        .test(new BulkheadRejectedException("db", BulkheadRejection.QUEUE_FULL, Priority.LOW)))
                .isTrue();
        assertThat(config.ignoreOn().test(new IOException())).isFalse();
        assertThat(config.ignoreOn().test(new TimeLimitExceededException("t", Duration.ofSeconds(1))))
                .isFalse();
        assertThat(config.failureOnResult().test(null)).isFalse();
        assertThat(config.failureOnResult().test("anything")).isFalse();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .failureRateThreshold(25)
                .slowCallRateThreshold(75)
                .slowCallDuration(Duration.ofMillis(300))
                .slidingWindow(SlidingWindow.lastDuration(Duration.ofSeconds(30)))
                .minimumCalls(500)
                .openDuration(Duration.ofSeconds(3))
                .halfOpenProbes(4)
                .maxProbeDuration(Duration.ofSeconds(2))
                .build();

        assertThat(config.toBuilder().build()).hasToString(config.toString());
        assertThat(config.toString())
                .isEqualTo("CircuitBreakerConfig{failureRateThreshold=25.0, slowCallRateThreshold=75.0,"
                        + " slowCallDuration=PT0.3S, slidingWindow=lastDuration(PT30S), minimumCalls=500,"
                        + " openDuration=fixed(PT3S), halfOpenProbes=4, maxProbeDuration=PT2S}");
    }

    @Test
    void settersRejectBadValuesNamingParameterAndValue() {
        CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.failureRateThreshold(0))
                .withMessage("failureRateThreshold must be in (0, 100]: 0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.failureRateThreshold(100.5))
                .withMessage("failureRateThreshold must be in (0, 100]: 100.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.failureRateThreshold(Double.NaN))
                .withMessage("failureRateThreshold must be in (0, 100]: NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.slowCallRateThreshold(-1))
                .withMessage("slowCallRateThreshold must be in (0, 100]: -1.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.slowCallDuration(Duration.ZERO))
                .withMessage("slowCallDuration must be positive: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.minimumCalls(0))
                .withMessage("minimumCalls must be at least 1: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.openDuration(Duration.ofSeconds(-1)))
                .withMessage("openDuration must be positive: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.halfOpenProbes(0))
                .withMessage("halfOpenProbes must be between 1 and 1000: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.halfOpenProbes(1001))
                .withMessage("halfOpenProbes must be between 1 and 1000: 1001");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxProbeDuration(Duration.ofMillis(-5)))
                .withMessage("maxProbeDuration must be positive: PT-0.005S");
    }

    @Test
    void slidingWindowsRejectBadValuesNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SlidingWindow.lastCalls(0))
                .withMessage("calls must be between 1 and 1000000: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SlidingWindow.lastCalls(1_000_001))
                .withMessage("calls must be between 1 and 1000000: 1000001");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SlidingWindow.lastDuration(Duration.ZERO))
                .withMessage("length must be positive: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SlidingWindow.lastDuration(Duration.ofMillis(1)))
                .withMessage("length must be at least PT0.01S: PT0.001S");
    }

    @Test
    void slidingWindowsAreValues() {
        assertThat(SlidingWindow.lastCalls(5)).isEqualTo(SlidingWindow.lastCalls(5));
        assertThat(SlidingWindow.lastCalls(5)).hasSameHashCodeAs(SlidingWindow.lastCalls(5));
        assertThat(SlidingWindow.lastCalls(5)).isNotEqualTo(SlidingWindow.lastCalls(6));
        assertThat(SlidingWindow.lastDuration(Duration.ofSeconds(1)))
                .isEqualTo(SlidingWindow.lastDuration(Duration.ofSeconds(1)))
                .isNotEqualTo(SlidingWindow.lastCalls(1));
        assertThat(SlidingWindow.lastCalls(5).kind()).isEqualTo(SlidingWindow.Kind.COUNT_BASED);
        assertThat(SlidingWindow.lastCalls(5).length()).isEqualTo(Duration.ZERO);
        assertThat(SlidingWindow.lastDuration(Duration.ofSeconds(1)).calls()).isZero();
    }

    @Test
    void buildRejectsAMinimumLargerThanACountBasedWindow() {
        CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindow.lastCalls(100))
                .minimumCalls(200);

        assertThatIllegalArgumentException()
                .isThrownBy(builder::build)
                .withMessage("minimumCalls must not exceed the sliding window's 100 calls: 200");
    }

    @Test
    void aTimeBasedWindowAcceptsAnyMinimum() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindow.lastDuration(Duration.ofSeconds(10)))
                .minimumCalls(10_000)
                .build();

        assertThat(config.minimumCalls()).isEqualTo(10_000);
    }
}
