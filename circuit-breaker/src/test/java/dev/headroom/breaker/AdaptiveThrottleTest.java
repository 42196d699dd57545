package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AdaptiveThrottleTest {

    private final ManualTicker ticker = new ManualTicker();
    private double draw = 0.5;
    private final AdaptiveThrottle throttle = AdaptiveThrottle.of(
            "search",
            AdaptiveThrottleConfig.builder()
                    .window(Duration.ofSeconds(60))
                    .rejectedOn(error -> error instanceof IOException)
                    .build(),
            ticker,
            () -> draw);

    private void requests(int sent, int accepted) {
        draw = 0.999; // send them all
        for (int i = 0; i < sent; i++) {
            throttle.tryAcquire();
        }
        for (int i = 0; i < accepted; i++) {
            throttle.onAccepted();
        }
    }

    @Test
    void withoutHistoryNothingIsRefused() {
        assertThat(throttle.rejectionProbability()).isZero();
        draw = 0.0;
        assertThat(throttle.tryAcquire()).isTrue();
    }

    @Test
    void theProbabilityFollowsTheSreFormula() {
        requests(30, 10);

        // max(0, (30 - 2 * 10) / (30 + 1))
        assertThat(throttle.rejectionProbability()).isCloseTo(10.0 / 31, within(1e-12));
    }

    @Test
    void aRequestIsRefusedWhenTheDrawFallsBelowTheProbability() {
        requests(30, 10);

        draw = 0.33; // p = 10/31 = 0.3226
        assertThat(throttle.tryAcquire()).isTrue();
        draw = 0.34; // that request counted: p = 11/32 = 0.3438
        assertThat(throttle.tryAcquire()).isFalse();
        assertThat(throttle.stats().throttled()).isEqualTo(1);
    }

    @Test
    void whileOneRequestInKIsAcceptedNothingIsRefused() {
        requests(100, 50);

        assertThat(throttle.rejectionProbability()).isZero();
        draw = 0.0;
        assertThat(throttle.tryAcquire()).isTrue();
    }

    @Test
    void locallyRefusedRequestsCountSoTheThrottleTightensWhileTheDependencyStaysDown() {
        requests(10, 0);
        double before = throttle.rejectionProbability();
        draw = 0.0;

        for (int i = 0; i < 100; i++) {
            throttle.tryAcquire();
        }

        assertThat(throttle.rejectionProbability()).isGreaterThan(before).isLessThan(1.0);
        assertThat(throttle.stats().requests()).isEqualTo(110);
    }

    @Test
    void historyOlderThanTheWindowIsForgotten() {
        requests(100, 0);
        assertThat(throttle.rejectionProbability()).isGreaterThan(0.9);

        ticker.advance(Duration.ofSeconds(60));

        assertThat(throttle.rejectionProbability()).isZero();
    }

    @Test
    void theWrappersCountAcceptsAndThrowAStacklessRefusal() throws Exception {
        assertThat(throttle.call(() -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> throttle.run(() -> {
                    throw new IllegalArgumentException("404: an answer, so accepted");
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(throttle.stats().accepts()).isEqualTo(2);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> throttle.run(() -> {
                        throw new java.io.UncheckedIOException(new IOException("503"));
                    }))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
        assertThat(throttle.stats().accepts()).isEqualTo(22); // UncheckedIOException is not an IOException

        requests(100, 0);
        draw = 0.0;
        ThrottledException refused = catchThrowableOfType(ThrottledException.class, () -> throttle.call(() -> "x"));

        assertThat(refused.componentName()).isEqualTo("search");
        assertThat(refused.rejectionProbability()).isGreaterThan(0);
        assertThat(refused.getStackTrace()).isEmpty();
        assertThat(refused.getMessage()).startsWith("AdaptiveThrottle 'search' refused the call locally");
    }

    @Test
    void rejectedFailuresAreNotAccepts() {
        draw = 0.999;
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> throttle.call(() -> {
                        throw new IOException("overloaded");
                    }))
                    .isInstanceOf(IOException.class);
        }

        assertThat(throttle.stats().accepts()).isZero();
        assertThat(throttle.rejectionProbability()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void asyncCallsAreJudgedWhenTheirStageCompletes() {
        throttle.callAsync(() -> CompletableFuture.completedFuture("ok"));
        throttle.callAsync(() -> CompletableFuture.failedFuture(new IOException("overloaded")));

        assertThat(throttle.stats().accepts()).isEqualTo(1);
        requests(100, 0);
        draw = 0.0;
        assertThat(throttle.callAsync(() -> CompletableFuture.completedFuture("x"))
                        .toCompletableFuture())
                .isCompletedExceptionally();
    }

    @Test
    void configDefaultsAndValidation() {
        AdaptiveThrottleConfig defaults = AdaptiveThrottleConfig.ofDefaults();
        assertThat(defaults.acceptsMultiplier()).isEqualTo(2.0);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.toBuilder().build())
                .hasToString("AdaptiveThrottleConfig{acceptsMultiplier=2.0, window=PT2M}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdaptiveThrottleConfig.builder().acceptsMultiplier(0.5))
                .withMessage("acceptsMultiplier must be at least 1.0 and finite: 0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AdaptiveThrottleConfig.builder().window(Duration.ZERO))
                .withMessage("window must be at least PT0.01S: PT0S");
    }
}
