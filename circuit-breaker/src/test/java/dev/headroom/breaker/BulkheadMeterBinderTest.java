package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.metrics.BulkheadMeterBinder;
import dev.headroom.core.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BulkheadMeterBinderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void exposesInFlightQueueDepthGrantsAndRejectionsPerPriority() {
        Bulkhead bulkhead = Bulkhead.of(
                "db",
                BulkheadConfig.builder()
                        .maxConcurrentCalls(1)
                        .congestionInterval(Duration.ofMillis(10))
                        .build(),
                scheduler);
        new BulkheadMeterBinder(bulkhead).bindTo(registry);

        bulkhead.tryAcquire(Priority.HIGH);
        bulkhead.tryAcquire(Priority.LOW);
        CompletableFuture<BulkheadPermit> waiting = bulkhead.acquireAsync(Priority.LOW);
        scheduler.advance(Duration.ofMillis(10));

        assertThat(waiting).isNotDone();
        assertThat(gauge("headroom.bulkhead.in.flight", "high")).isEqualTo(1);
        assertThat(gauge("headroom.bulkhead.in.flight", "low")).isZero();
        assertThat(gauge("headroom.bulkhead.queue.depth", "low")).isEqualTo(1);
        assertThat(registry.get("headroom.bulkhead.granted")
                        .tag("priority", "high")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.bulkhead.rejections")
                        .tag("priority", "low")
                        .tag("reason", "no_capacity")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.bulkhead.max.concurrent.calls")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(registry.get("headroom.bulkhead.congested").gauge().value()).isEqualTo(1);
        assertThat(registry.find("headroom.bulkhead.rejections").functionCounters())
                .hasSize(16);
    }

    private double gauge(String name, String priority) {
        return registry.get(name).tag("priority", priority).gauge().value();
    }
}
