package dev.headroom.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    @Test
    void defaultsFitARequestPath() {
        RedisSettings settings = RedisSettings.ofDefaults();

        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.requestQueueSize()).isEqualTo(65_536);
        assertThat(settings.topologyRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RedisSettings custom = RedisSettings.builder()
                .commandTimeout(Duration.ofMillis(80))
                .connectTimeout(Duration.ofMillis(300))
                .requestQueueSize(1_000)
                .topologyRefreshPeriod(Duration.ofSeconds(5))
                .build();

        RedisSettings copy = custom.toBuilder().build();

        assertThat(copy).hasToString(custom.toString());
        assertThat(copy.commandTimeout()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void rejectsBadValuesByName() {
        assertThatThrownBy(() -> RedisSettings.builder().commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commandTimeout must be positive: PT0S");
        assertThatThrownBy(() -> RedisSettings.builder().connectTimeout(Duration.ofSeconds(-1)))
                .hasMessage("connectTimeout must be positive: PT-1S");
        assertThatThrownBy(() -> RedisSettings.builder().requestQueueSize(0))
                .hasMessage("requestQueueSize must be at least 1: 0");
        assertThatThrownBy(() -> RedisSettings.builder().topologyRefreshPeriod(Duration.ZERO))
                .hasMessage("topologyRefreshPeriod must be positive: PT0S");
    }
}
