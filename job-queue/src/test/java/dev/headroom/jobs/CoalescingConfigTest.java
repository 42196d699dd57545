package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoalescingConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        CoalescingConfig config = CoalescingConfig.ofDefaults();

        assertThat(config.debounce()).isEqualTo(Duration.ofSeconds(3)).isEqualTo(CoalescingConfig.DEFAULT_DEBOUNCE);
        assertThat(config.maxWait()).isEqualTo(CoalescingConfig.DEFAULT_MAX_WAIT);
        assertThat(config.maxConcurrentRuns()).isZero();
        assertThat(config.maxAttempts()).isEqualTo(CoalescingConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(config.skipTtl()).isZero();
        assertThat(config.healthLogInterval()).isEqualTo(CoalescingConfig.DEFAULT_HEALTH_LOG_INTERVAL);
        assertThat(config.shutdownTimeout()).isEqualTo(CoalescingConfig.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(config.toBuilder().build()).hasToString(config.toString());
    }

    @Test
    void badValuesFailFastNamingTheParameterAndTheValue() {
        assertThatThrownBy(() -> CoalescingConfig.builder().debounce(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("debounce must not be negative: PT-1S");
        assertThatThrownBy(() -> CoalescingConfig.builder().maxAttempts(0))
                .hasMessage("maxAttempts must be at least 1: 0");
        assertThatThrownBy(() -> CoalescingConfig.builder().maxConcurrentRuns(0))
                .hasMessage("maxConcurrentRuns must be at least 1: 0");
        assertThatThrownBy(() -> CoalescingConfig.builder()
                        .debounce(Duration.ofSeconds(10))
                        .maxWait(Duration.ofSeconds(5))
                        .build())
                .hasMessage("maxWait must be at least the debounce window PT10S: PT5S");
        assertThatThrownBy(
                        () -> CoalescingQueue.builder((String k, String p) -> p).name(" "))
                .hasMessage("name must not be blank: ' '");
    }
}
