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

    @Test
    void toBuilderStartsFromEveryOption() {
        JobOptions options = JobOptions.builder()
                .priority(7)
                .delay(Duration.ofSeconds(3))
                .maxAttempts(4)
                .backoff(JobBackoff.fixed(Duration.ofSeconds(1)))
                .keepCompleted(Retention.none())
                .keepFailed(Retention.keep(3, Duration.ofHours(2)))
                .debounce("client-1:2026-05-01", Duration.ofSeconds(2))
                .debounceMaxWait(Duration.ofSeconds(9))
                .build();

        JobOptions copy = options.toBuilder().build();
        JobOptions changed = options.toBuilder().priority(8).build();

        assertThat(copy.toString()).isEqualTo(options.toString());
        assertThat(changed.priority()).isEqualTo(8);
        assertThat(changed.toString()).isEqualTo(options.toString().replace("priority=7", "priority=8"));
    }
}
