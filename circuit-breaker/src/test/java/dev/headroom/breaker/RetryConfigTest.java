package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        RetryConfig config = RetryConfig.ofDefaults();

        assertThat(config.maxAttempts()).isEqualTo(RetryConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(config.backoff()).isSameAs(RetryConfig.DEFAULT_BACKOFF);
        assertThat(config.budget()).isEqualTo(RetryBudget.of(0.2, 10, Duration.ofSeconds(10)));
        assertThat(config.toBuilder().build()).hasToString(config.toString());
    }

    @Test
    void byDefaultRetriesExceptionsButNotRefusalsCancellationOrErrors() {
        RetryConfig config = RetryConfig.ofDefaults();

        assertThat(config.retryOn().test(new IOException())).isTrue();
        assertThat(config.retryOn().test(new TimeLimitExceededException("t", Duration.ofSeconds(1))))
                .isTrue();
        assertThat(config.retryOn().test(new CallNotPermittedException("b", CircuitBreaker.State.OPEN)))
                .isFalse();
        assertThat(config.retryOn().test(new CancellationException())).isFalse();
        assertThat(config.retryOn().test(new InterruptedException())).isFalse();
        assertThat(config.retryOn().test(new OutOfMemoryError())).isFalse();
        assertThat(config.retryOnResult().test("anything")).isFalse();
    }

    @Test
    void buildersRejectBadValuesNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryConfig.builder().maxAttempts(0))
                .withMessage("maxAttempts must be at least 1: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBudget.of(1.5, 0, Duration.ofSeconds(1)))
                .withMessage("ratio must be in [0, 1]: 1.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBudget.of(Double.NaN, 0, Duration.ofSeconds(1)))
                .withMessage("ratio must be in [0, 1]: NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBudget.of(0.1, -1, Duration.ofSeconds(1)))
                .withMessage("minRetriesPerSecond must not be negative: -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetryBudget.of(0.1, 1, Duration.ZERO))
                .withMessage("window must be at least PT0.01S: PT0S");
    }

    @Test
    void budgetsAreValues() {
        assertThat(RetryBudget.unlimited().isUnlimited()).isTrue();
        assertThat(RetryBudget.unlimited()).hasToString("RetryBudget{unlimited}");
        assertThat(RetryBudget.of(0.1, 2, Duration.ofSeconds(3)))
                .isEqualTo(RetryBudget.of(0.1, 2, Duration.ofSeconds(3)))
                .hasSameHashCodeAs(RetryBudget.of(0.1, 2, Duration.ofSeconds(3)))
                .isNotEqualTo(RetryBudget.unlimited())
                .hasToString("RetryBudget{ratio=0.1, minRetriesPerSecond=2, window=PT3S}");
    }
}
