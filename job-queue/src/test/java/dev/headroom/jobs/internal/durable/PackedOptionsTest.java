package dev.headroom.jobs.internal.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.jobs.JobBackoff;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.Retention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one hash field that holds a Redis job's options, in the order the scripts' patterns expect. */
class PackedOptionsTest {

    @Test
    void packsEveryOptionInTheOrderTheScriptsReadAndReadsBackWhatTheWorkerNeeds() {
        JobOptions options = JobOptions.builder()
                .priority(7)
                .maxAttempts(5)
                .backoff(JobBackoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(30)))
                .keepCompleted(Retention.keep(100, Duration.ofMinutes(10)))
                .keepFailed(Retention.keep(20, Duration.ofDays(1)))
                .build();
        NewJob job = NewJob.of(new byte[0], options);

        String packed = new String(PackedOptions.pack(job), StandardCharsets.UTF_8);

        assertThat(packed).isEqualTo("7:5:100:600000:20:86400000:" + job.backoff());
        assertThat(PackedOptions.maxAttempts(packed)).isEqualTo(5);
        assertThat(PackedOptions.backoff(packed)).isEqualTo(job.backoff());
        assertThat(BackoffSpec.decode(PackedOptions.backoff(packed)).delay(2)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aValueThatIsNotPackedOptionsIsRefusedByName() {
        assertThatThrownBy(() -> PackedOptions.maxAttempts("3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a job's packed options: '3'");
        assertThatThrownBy(() -> PackedOptions.backoff("0:3:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0:3:1'");
    }
}
