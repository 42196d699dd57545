package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The coalescing snippet of the job-queue README section, as given in the report. */
class ReadmeExamplesTest {

    @Test
    void coalescingSnippetRunsOnceWithTheLatestPayload() {
        List<String> notifications = new CopyOnWriteArrayList<>();
        // --- README snippet ---
        CoalescingQueue<String, String> recompute = CoalescingQueue.<String, String, String>builder(
                        (key, payload) -> "summary of " + payload)
                .after((key, payload, summary) -> notifications.add(key + ": " + summary))
                .build();
        recompute.submit("client-42:2026-05-01", "order 1001 changed");
        recompute.submit("client-42:2026-05-01", "order 1002 changed"); // coalesced: one run, latest payload
        ShutdownReport<String, String> report = recompute.shutdown(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(10));
        // --- end ---

        assertThat(report.complete()).isTrue();
        assertThat(notifications).containsExactly("client-42:2026-05-01: summary of order 1002 changed");
    }
}
