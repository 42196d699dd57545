package dev.headroom.jobs.metrics;

import dev.headroom.jobs.CoalescingQueue;
import dev.headroom.jobs.CoalescingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link CoalescingQueue}'s counters, every meter tagged {@code name=<queue name>}:
 *
 * <ul>
 *   <li>{@value #SUBMISSIONS} (counter) tagged {@code outcome=enqueued|coalesced|rejected};
 *   <li>{@value #RUNS} (counter) tagged {@code
 *       outcome=started|completed|failed|retried|abandoned|skipped};
 *   <li>{@value #PENDING} (gauge): keys waiting for a run, follow-ups included;
 *   <li>{@value #RUNNING} (gauge): runs in progress.
 * </ul>
 *
 * <p>Meters read the queue's counters when scraped and hold the queue weakly.
 */
public final class CoalescingQueueMetrics implements MeterBinder {

    /** The submissions counter: {@value}. */
    public static final String SUBMISSIONS = "headroom.coalescing.submissions";

    /** The runs counter: {@value}. */
    public static final String RUNS = "headroom.coalescing.runs";

    /** The pending-keys gauge: {@value}. */
    public static final String PENDING = "headroom.coalescing.pending";

    /** The running gauge: {@value}. */
    public static final String RUNNING = "headroom.coalescing.running";

    private final CoalescingQueue<?, ?> queue;

    private CoalescingQueueMetrics(CoalescingQueue<?, ?> queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /**
     * Creates a binder for one queue.
     *
     * @param queue the queue to publish
     * @return the binder
     */
    public static CoalescingQueueMetrics of(CoalescingQueue<?, ?> queue) {
        return new CoalescingQueueMetrics(queue);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, SUBMISSIONS, "enqueued", CoalescingStats::enqueued);
        counter(registry, SUBMISSIONS, "coalesced", CoalescingStats::coalesced);
        counter(registry, SUBMISSIONS, "rejected", CoalescingStats::rejected);
        counter(registry, RUNS, "started", CoalescingStats::started);
        counter(registry, RUNS, "completed", CoalescingStats::completed);
        counter(registry, RUNS, "failed", CoalescingStats::failed);
        counter(registry, RUNS, "retried", CoalescingStats::retried);
        counter(registry, RUNS, "abandoned", CoalescingStats::abandoned);
        counter(registry, RUNS, "skipped", CoalescingStats::skipped);
        Gauge.builder(PENDING, queue, q -> q.stats().pending())
                .description("keys waiting for a run, follow-ups included")
                .tag("name", queue.name())
                .register(registry);
        Gauge.builder(RUNNING, queue, q -> q.stats().running())
                .description("runs in progress")
                .tag("name", queue.name())
                .register(registry);
    }

    private void counter(
            MeterRegistry registry, String meter, String outcome, ToDoubleFunction<CoalescingStats> value) {
        FunctionCounter.builder(meter, queue, q -> value.applyAsDouble(q.stats()))
                .tag("name", queue.name())
                .tag("outcome", outcome)
                .register(registry);
    }
}
