package dev.headroom.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.jobs.CoalescingQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoalescingQueueMetricsTest {

    @Test
    void publishesCountersAndGaugesTaggedWithTheQueueName() {
        ManualScheduler scheduler = new ManualScheduler();
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((k, p) -> p)
                .name("exports")
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CoalescingQueueMetrics.of(queue).bindTo(registry);

        queue.submit("a", "1");
        queue.submit("a", "2");
        queue.submit("b", "1");
        assertThat(registry.get("headroom.coalescing.pending")
                        .tag("name", "exports")
                        .gauge()
                        .value())
                .isEqualTo(2.0);
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(registry.get("headroom.coalescing.submissions")
                        .tag("name", "exports")
                        .tag("outcome", "coalesced")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("headroom.coalescing.runs")
                        .tag("outcome", "completed")
                        .functionCounter()
                        .count())
                .isEqualTo(2.0);
        assertThat(registry.get("headroom.coalescing.running").gauge().value()).isZero();
    }
}
