package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    @Test
    void spansAreCheckedAndTheErrorNamesTheSettingAndTheValue() {
        assertThatThrownBy(() -> JobOptions.builder().delay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be between zero and 100 years: PT-1S");
        assertThatThrownBy(() -> JobOptions.builder().delay(JobOptions.MAX_DELAY.plusMillis(1)))
                .hasMessage("delay must be between zero and 100 years: PT876600H0.001S");
        assertThatThrownBy(() -> JobOptions.builder().debounce("client-1:2026-05-01", Duration.ofDays(40_000)))
                .hasMessage("debounce window must be between zero and 100 years: PT960000H");
        assertThatThrownBy(() -> JobOptions.builder().debounceMaxWait(Duration.ofMillis(-1)))
                .hasMessage("debounce maxWait must be between zero and 100 years: PT-0.001S");
        assertThatThrownBy(() -> JobOptions.builder().priority(JobOptions.MAX_PRIORITY + 1))
                .hasMessage("priority must be between 0 and 1000: 1001");
    }

    @Test
    void theLongestDelayIsAccepted() {
        JobOptions options = JobOptions.builder().delay(JobOptions.MAX_DELAY).build();

        assertThat(options.delay()).isEqualTo(JobOptions.MAX_DELAY);
        assertThat(options.delay().toMillis()).isLessThan(1L << 53);
    }
}
