package dev.headroom.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobQueueMetricsTest {

    @Test
    void publishesAddsAndQueueSizesReadAtMostOncePerSecond() {
        ManualScheduler scheduler = new ManualScheduler();
        try (JobQueue<String, String> jobs = JobQueue.builder("exports", Codec.string(), Codec.string())
                .scheduler(scheduler)
                .build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            JobQueueMetrics.of(jobs, scheduler.ticker()).bindTo(registry);

            jobs.add("a", JobOptions.builder().jobId("a1").build());
            assertThat(registry.get("headroom.jobs.queue.size")
                            .tag("name", "exports")
                            .tag("state", "waiting")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
            jobs.add("b", JobOptions.builder().jobId("a1").build());
            jobs.add("c", JobOptions.builder().delay(Duration.ofMinutes(1)).build());

            assertThat(registry.get("headroom.jobs.adds")
                            .tag("outcome", "duplicate")
                            .tag("name", "exports")
                            .functionCounter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(registry.get("headroom.jobs.queue.size")
                            .tag("state", "delayed")
                            .gauge()
                            .value())
                    .as("still the cached read")
                    .isZero();
            assertThat(registry.get("headroom.redis.failures")
                            .tag("component", "jobs")
                            .tag("name", "exports")
                            .functionCounter()
                            .count())
                    .as("the store failures, in the one Redis failure meter")
                    .isZero();
            scheduler.advance(Duration.ofSeconds(1));
            assertThat(registry.get("headroom.jobs.queue.size")
                            .tag("state", "delayed")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void queueSizesSurviveAGarbageCollection() {
        ManualScheduler scheduler = new ManualScheduler();
        try (JobQueue<String, String> jobs = JobQueue.builder("exports", Codec.string(), Codec.string())
                .scheduler(scheduler)
                .build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            JobQueueMetrics.of(jobs, scheduler.ticker()).bindTo(registry);
            jobs.add("a");

            WeakReference<Object> collected = new WeakReference<>(new Object());
            for (int i = 0; i < 50 && collected.get() != null; i++) {
                System.gc();
            }

            assertThat(collected.get()).as("a collection ran").isNull();
            assertThat(registry.get("headroom.jobs.queue.size")
                            .tag("state", "waiting")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}
