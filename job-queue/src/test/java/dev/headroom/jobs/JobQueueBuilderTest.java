package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.codec.Codec;
import org.junit.jupiter.api.Test;

/** A queue's name is checked when it is built, and null arguments are refused by name. */
class JobQueueBuilderTest {

    @Test
    void aNameThatCannotBeAHashTagIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> JobQueue.builder("a{b}", Codec.string(), Codec.string()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name")
                .hasMessageContaining("'a{b}'");
        assertThatThrownBy(() -> JobQueue.builder(" ", Codec.string(), Codec.string()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    @SuppressWarnings("NullAway") // passes nulls on purpose
    void nullArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> JobQueue.builder(null, Codec.string(), Codec.string()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        try (JobQueue<String, String> jobs =
                JobQueue.builder("exports", Codec.string(), Codec.string()).build()) {
            assertThat(jobs.name()).isEqualTo("exports");
            assertThatThrownBy(() -> jobs.add(null)).hasMessage("payload");
            assertThatThrownBy(() -> jobs.status(null)).hasMessage("jobId");
            assertThatThrownBy(() -> jobs.worker(WorkerOptions.ofDefaults(), null))
                    .hasMessage("handler");
        }
    }
}
