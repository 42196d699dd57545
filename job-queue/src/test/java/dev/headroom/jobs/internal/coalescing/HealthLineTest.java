package dev.headroom.jobs.internal.coalescing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.jobs.CoalescingConfig;
import dev.headroom.jobs.ShutdownPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HealthLineTest {

    @Test
    void logsTheCountersEveryIntervalUntilShutdown() {
        ManualScheduler scheduler = new ManualScheduler();
        List<String> lines = new CopyOnWriteArrayList<>();
        DefaultCoalescingQueue<String, String, String> queue = new DefaultCoalescingQueue<>(
                "dashboards",
                CoalescingConfig.builder()
                        .healthLogInterval(Duration.ofSeconds(10))
                        .build(),
                (key, payload) -> payload,
                (key, payload, result) -> {},
                Function.identity(),
                scheduler,
                Runnable::run,
                lines::add);

        queue.submit("a", "1");
        queue.submit("a", "2");
        scheduler.advance(Duration.ofSeconds(10));
        scheduler.advance(Duration.ofSeconds(10));
        queue.shutdown(ShutdownPolicy.DROP_PENDING, Duration.ZERO);
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(lines)
                .containsExactly(
                        "coalescing queue 'dashboards': pending=0 running=0 enqueued=2 coalesced=1 started=1"
                                + " completed=1 failed=0 retried=0 abandoned=0 skipped=0 rejected=0",
                        "coalescing queue 'dashboards': pending=0 running=0 enqueued=2 coalesced=1 started=1"
                                + " completed=1 failed=0 retried=0 abandoned=0 skipped=0 rejected=0");
    }
}
