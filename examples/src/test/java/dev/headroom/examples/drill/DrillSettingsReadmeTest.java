package dev.headroom.examples.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.examples.ProjectFiles;
import dev.headroom.examples.dashboard.DashboardSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillSettingsReadmeTest {

    @Test
    void theReadmeListsTheDrillsSettings() throws Exception {
        String readme = ProjectFiles.readme();

        for (DashboardSettings.Setting setting : TrafficDrill.SETTINGS) {
            assertThat(readme)
                    .contains("| `" + setting.variable() + "` | " + setting.defaultValue() + " | " + setting.meaning()
                            + " |");
        }
    }

    @Test
    void profilesAreNamedAndOverridable() {
        assertThat(DrillProfile.from(Map.of())).isEqualTo(DrillProfile.NAMED.get("smoke"));
        assertThat(DrillProfile.from(Map.of("DRILL_PROFILE", "Stress", "DRILL_CONNECTIONS", "50")))
                .isEqualTo(new DrillProfile("stress", 50, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> DrillProfile.from(Map.of("DRILL_PROFILE", "huge")))
                .hasMessage("DRILL_PROFILE must be one of baseline, smoke, soak, spike, stress, not 'huge'");
        assertThatThrownBy(() -> DrillProfile.from(Map.of("DRILL_STEP_SECONDS", "ten")))
                .hasMessage("DRILL_STEP_SECONDS must be an integer, not 'ten'");
    }
}
