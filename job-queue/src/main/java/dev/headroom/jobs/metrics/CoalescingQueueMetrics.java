package dev.headroom.jobs.metrics;

import dev.headroom.jobs.CoalescingQueue;
import dev.headroom.jobs.CoalescingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link CoalescingQueue}'s counters: {@code headroom.coalescing.submissions} tagged
 * {@code outcome=enqueued|coalesced|rejected}, {@code headroom.coalescing.runs} tagged {@code
 * outcome=started|completed|failed|retried|abandoned|skipped}, and the gauges {@code
 * headroom.coalescing.pending} and {@code headroom.coalescing.running}; every meter tagged {@code
 * queue=<name>}. Meters read the queue's counters when scraped and hold the queue weakly.
 */
public final class CoalescingQueueMetrics implements MeterBinder {

    private final CoalescingQueue<?, ?> queue;
    private final Tags tags;

    /**
     * Creates a binder for one queue.
     *
     * @param queue the queue to publish
     * @param tags extra tags for every meter
     */
    public CoalescingQueueMetrics(CoalescingQueue<?, ?> queue, Iterable<Tag> tags) {
        this.queue = queue;
        this.tags = Tags.concat(tags, "queue", queue.name());
    }

    /**
     * Creates a binder for one queue with no extra tags.
     *
     * @param queue the queue to publish
     */
    public CoalescingQueueMetrics(CoalescingQueue<?, ?> queue) {
        this(queue, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "headroom.coalescing.submissions", "enqueued", CoalescingStats::enqueued);
        counter(registry, "headroom.coalescing.submissions", "coalesced", CoalescingStats::coalesced);
        counter(registry, "headroom.coalescing.submissions", "rejected", CoalescingStats::rejected);
        counter(registry, "headroom.coalescing.runs", "started", CoalescingStats::started);
        counter(registry, "headroom.coalescing.runs", "completed", CoalescingStats::completed);
        counter(registry, "headroom.coalescing.runs", "failed", CoalescingStats::failed);
        counter(registry, "headroom.coalescing.runs", "retried", CoalescingStats::retried);
        counter(registry, "headroom.coalescing.runs", "abandoned", CoalescingStats::abandoned);
        counter(registry, "headroom.coalescing.runs", "skipped", CoalescingStats::skipped);
        Gauge.builder("headroom.coalescing.pending", queue, q -> q.stats().pending())
                .description("keys waiting for a run, follow-ups included")
                .tags(tags)
                .register(registry);
        Gauge.builder("headroom.coalescing.running", queue, q -> q.stats().running())
                .description("runs in progress")
                .tags(tags)
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String outcome, ToDoubleFunction<CoalescingStats> value) {
        FunctionCounter.builder(name, queue, q -> value.applyAsDouble(q.stats()))
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }
}
