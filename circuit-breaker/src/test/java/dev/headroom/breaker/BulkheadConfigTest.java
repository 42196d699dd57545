package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkheadConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        BulkheadConfig config = BulkheadConfig.ofDefaults();

        assertThat(config.maxConcurrentCalls()).isEqualTo(BulkheadConfig.DEFAULT_MAX_CONCURRENT_CALLS);
        assertThat(config.maxQueueSize()).isEqualTo(BulkheadConfig.DEFAULT_MAX_QUEUE_SIZE);
        assertThat(config.maxWait()).isEqualTo(BulkheadConfig.DEFAULT_MAX_WAIT);
        assertThat(config.congestedMaxWait()).isEqualTo(BulkheadConfig.DEFAULT_CONGESTED_MAX_WAIT);
        assertThat(config.congestionInterval()).isEqualTo(BulkheadConfig.DEFAULT_CONGESTION_INTERVAL);
        for (Priority priority : Priority.values()) {
            assertThat(config.guaranteedShare(priority)).isZero();
        }
    }

    @Test
    void reservedSlotsAreTheFloorOfTheShare() {
        BulkheadConfig config = BulkheadConfig.builder()
                .maxConcurrentCalls(10)
                .guaranteedShare(Priority.CRITICAL, 0.25)
                .guaranteedShare(Priority.HIGH, 0.5)
                .build();

        assertThat(config.guaranteedCalls(Priority.CRITICAL)).isEqualTo(2);
        assertThat(config.guaranteedCalls(Priority.HIGH)).isEqualTo(5);
        assertThat(config.guaranteedCalls(Priority.LOW)).isZero();
        assertThat(config.toBuilder().build()).hasToString(config.toString());
    }

    @Test
    void settersRejectBadValuesNamingThem() {
        BulkheadConfig.Builder builder = BulkheadConfig.builder();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxConcurrentCalls(0))
                .withMessage("maxConcurrentCalls must be between 1 and 65535: 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxConcurrentCalls(65_536))
                .withMessage("maxConcurrentCalls must be between 1 and 65535: 65536");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxQueueSize(-1))
                .withMessage("maxQueueSize must be between 0 and 65535: -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxWait(Duration.ZERO))
                .withMessage("maxWait must be positive: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.congestedMaxWait(Duration.ofMillis(-1)))
                .withMessage("congestedMaxWait must be positive: PT-0.001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.congestionInterval(Duration.ZERO))
                .withMessage("congestionInterval must be positive: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.guaranteedShare(Priority.CRITICAL, 1.5))
                .withMessage("guaranteedShare of CRITICAL must be in [0, 1]: 1.5");
    }

    @Test
    void buildChecksTheSettingsAgainstEachOther() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BulkheadConfig.builder()
                        .guaranteedShare(Priority.CRITICAL, 0.7)
                        .guaranteedShare(Priority.HIGH, 0.5)
                        .build())
                .withMessage("guaranteed shares must not sum to more than 1.0: 1.2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BulkheadConfig.builder()
                        .maxWait(Duration.ofMillis(100))
                        .congestedMaxWait(Duration.ofSeconds(1))
                        .build())
                .withMessage("congestedMaxWait must not exceed maxWait: PT1S > PT0.1S");
    }
}
