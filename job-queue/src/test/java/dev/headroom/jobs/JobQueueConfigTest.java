package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobQueueConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        JobQueueConfig config = JobQueueConfig.ofDefaults();

        assertThat(config.visibilityTimeout()).isEqualTo(JobQueueConfig.DEFAULT_VISIBILITY_TIMEOUT);
        assertThat(config.maxStalls()).isEqualTo(JobQueueConfig.DEFAULT_MAX_STALLS);
        assertThat(config.pollInterval()).isEqualTo(JobQueueConfig.DEFAULT_POLL_INTERVAL);
        assertThat(config.completionDelay())
                .isEqualTo(Duration.ofMillis(5))
                .isEqualTo(JobQueueConfig.DEFAULT_COMPLETION_DELAY);
        assertThat(config.shutdownTimeout()).isEqualTo(JobQueueConfig.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(config.toString()).contains("completionDelay=PT0.005S");
    }

    @Test
    void badValuesFailFastNamingTheParameterAndTheValue() {
        assertThatThrownBy(() -> JobQueueConfig.builder().completionDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("completionDelay must not be negative: PT-0.001S");
        assertThat(JobQueueConfig.builder()
                        .completionDelay(Duration.ZERO)
                        .build()
                        .completionDelay())
                .isZero();
        assertThatThrownBy(() -> JobQueueConfig.builder().visibilityTimeout(Duration.ofMillis(29)))
                .hasMessage("visibilityTimeout must be between 30 ms and 100 years: PT0.029S");
        assertThatThrownBy(() -> JobQueueConfig.builder().visibilityTimeout(Duration.ofDays(Long.MAX_VALUE / 86_400)))
                .hasMessageStartingWith("visibilityTimeout must be between 30 ms and 100 years: PT");
        assertThatThrownBy(() -> JobQueueConfig.builder().minTurnInterval(Duration.ofMillis(-1)))
                .hasMessage("minTurnInterval must be between zero and one second: PT-0.001S");
        assertThatThrownBy(() -> JobQueueConfig.builder().minTurnInterval(Duration.ofMillis(1001)))
                .hasMessage("minTurnInterval must be between zero and one second: PT1.001S");
    }

    @Test
    void toBuilderStartsFromEverySetting() {
        JobQueueConfig config = JobQueueConfig.builder()
                .visibilityTimeout(Duration.ofSeconds(7))
                .maxStalls(3)
                .pollInterval(Duration.ofMillis(250))
                .completionDelay(Duration.ZERO)
                .minTurnInterval(Duration.ofMillis(2))
                .shutdownTimeout(Duration.ofSeconds(4))
                .deadLetterRetention(Retention.keep(5, Duration.ofHours(1)))
                .build();

        JobQueueConfig changed = config.toBuilder().maxStalls(4).build();

        assertThat(changed.toString()).isEqualTo(config.toString().replace("maxStalls=3", "maxStalls=4"));
        assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
    }
}
