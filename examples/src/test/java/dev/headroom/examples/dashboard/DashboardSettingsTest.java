package dev.headroom.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.examples.ProjectFiles;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DashboardSettings settings = DashboardSettings.fromEnvironment(Map.of());

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.analyticsTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.commandCenterTtl()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.recomputeDebounce()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.databaseUrl()).isEmpty();
        assertThat(settings.redisUrl()).isEmpty();
        for (DashboardSettings.Setting setting : DashboardSettings.SETTINGS) {
            assertThat(settings.describe()).containsKey(setting.variable());
            if (!setting.defaultValue().startsWith("(")) {
                assertThat(settings.describe().get(setting.variable()))
                        .as(setting.variable())
                        .isEqualTo(setting.defaultValue());
            }
        }
    }

    @Test
    void malformedValuesAreNamed() {
        assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PORT must be an integer, not 'http'");
        assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("DB_POOL_SIZE", "0")))
                .hasMessage("DB_POOL_SIZE must be between 1 and 1000, not 0");
        assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("CACHE_ENABLED", "yes")))
                .hasMessage("CACHE_ENABLED must be true or false, not 'yes'");
        assertThatThrownBy(() -> DashboardSettings.fromEnvironment(Map.of("ANALYTICS_TTL_S", "0")))
                .hasMessage("ANALYTICS_TTL_S must be positive, not PT0S");
    }

    @Test
    void passwordsAreRedacted() {
        DashboardSettings settings = DashboardSettings.fromEnvironment(Map.of(
                "DATABASE_URL", "postgres://app:s3cret@db:5432/dash", "REDIS_URL", "redis://:hunter2@cache:6379"));

        assertThat(settings.describe().get("DATABASE_URL")).isEqualTo("postgres://app:***@db:5432/dash");
        assertThat(settings.describe().get("REDIS_URL")).isEqualTo("redis://:***@cache:6379");
        assertThat(DashboardSettings.redact("jdbc:postgresql://db/dash?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/dash?user=app&password=***&ssl=true");
    }

    @Test
    void theReadmeListsEverySettingWithItsDefault() throws Exception {
        String text = ProjectFiles.readme();

        for (DashboardSettings.Setting setting : DashboardSettings.SETTINGS) {
            assertThat(text)
                    .contains("| `" + setting.variable() + "` | " + setting.defaultValue() + " | " + setting.meaning()
                            + " |");
        }
    }
}
