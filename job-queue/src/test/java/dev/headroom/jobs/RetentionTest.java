package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void boundsAreCheckedAndTheErrorNamesTheValue() {
        assertThatThrownBy(() -> Retention.keep(-1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention maxCount must not be negative: -1");
        assertThatThrownBy(() -> Retention.keep(10, Duration.ZERO))
                .hasMessage("retention maxAge must be positive and at most 100 years: PT0S");
        assertThatThrownBy(() -> Retention.keep(10, Retention.MAX_AGE.plusMillis(1)))
                .hasMessage("retention maxAge must be positive and at most 100 years: PT876600H0.001S");
    }

    @Test
    void theLongestAgeFitsAnExactMillisecondExpiry() {
        assertThat(Retention.keep(10, Retention.MAX_AGE).maxAge().toMillis()).isLessThan(1L << 53);
        assertThat(Retention.DEFAULT_COMPLETED.maxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(Retention.DEFAULT_FAILED.maxAge()).isEqualTo(Duration.ofDays(14));
    }
}
