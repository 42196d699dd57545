package dev.headroom.jobs.metrics;

import dev.headroom.core.Ticker;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobQueueStats;
import dev.headroom.jobs.QueueCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a durable {@link JobQueue}'s counters: {@code headroom.jobs.adds} tagged {@code
 * outcome=added|duplicate|debounced}, {@code headroom.jobs.finished} tagged {@code
 * outcome=completed|retried|failed|dead|lease_lost}, and {@code headroom.jobs.store.errors}. For
 * each queue name given, the gauge {@code headroom.jobs.queue.size} tagged {@code queue} and {@code
 * state=waiting|delayed|active|completed|failed|dead} reads the store's counts at most once per
 * {@link #COUNTS_MAX_AGE} (one script call for all six states), and reads NaN while the store
 * cannot be reached.
 */
public final class JobQueueMetrics implements MeterBinder {

    /** How long one read of a queue's counts serves its gauges: {@code PT1S}. */
    public static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(1);

    private final JobQueue<?, ?> jobs;
    private final List<String> queues;
    private final Tags tags;
    private final Ticker ticker;

    /**
     * Creates a binder.
     *
     * @param jobs the queue instance to publish
     * @param queues the queue names whose sizes to publish; may be empty
     * @param tags extra tags for every meter
     */
    public JobQueueMetrics(JobQueue<?, ?> jobs, List<String> queues, Iterable<Tag> tags) {
        this(jobs, queues, tags, Ticker.system());
    }

    JobQueueMetrics(JobQueue<?, ?> jobs, List<String> queues, Iterable<Tag> tags, Ticker ticker) {
        this.jobs = jobs;
        this.queues = List.copyOf(queues);
        this.tags = Tags.of(tags);
        this.ticker = ticker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "headroom.jobs.adds", "added", JobQueueStats::added);
        counter(registry, "headroom.jobs.adds", "duplicate", JobQueueStats::duplicates);
        counter(registry, "headroom.jobs.adds", "debounced", JobQueueStats::debounced);
        counter(registry, "headroom.jobs.finished", "completed", JobQueueStats::completed);
        counter(registry, "headroom.jobs.finished", "retried", JobQueueStats::retried);
        counter(registry, "headroom.jobs.finished", "failed", JobQueueStats::failed);
        counter(registry, "headroom.jobs.finished", "dead", JobQueueStats::dead);
        counter(registry, "headroom.jobs.finished", "lease_lost", JobQueueStats::leasesLost);
        FunctionCounter.builder(
                        "headroom.jobs.store.errors", jobs, q -> q.stats().storeErrors())
                .description("store calls that failed or that the circuit breaker refused")
                .tags(tags)
                .register(registry);
        for (String queue : queues) {
            CachedCounts counts = new CachedCounts(queue);
            size(registry, queue, "waiting", counts, QueueCounts::waiting);
            size(registry, queue, "delayed", counts, QueueCounts::delayed);
            size(registry, queue, "active", counts, QueueCounts::active);
            size(registry, queue, "completed", counts, QueueCounts::completed);
            size(registry, queue, "failed", counts, QueueCounts::failed);
            size(registry, queue, "dead", counts, QueueCounts::dead);
        }
    }

    private void counter(MeterRegistry registry, String name, String outcome, ToDoubleFunction<JobQueueStats> value) {
        FunctionCounter.builder(name, jobs, q -> value.applyAsDouble(q.stats()))
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }

    private void size(
            MeterRegistry registry,
            String queue,
            String state,
            CachedCounts counts,
            ToLongFunction<QueueCounts> value) {
        Gauge.builder("headroom.jobs.queue.size", counts, c -> {
                    QueueCounts read = c.get();
                    return read == null ? Double.NaN : value.applyAsLong(read);
                })
                // The registry holds a gauge's object weakly, and nothing else holds this cache.
                .strongReference(true)
                .tags(tags)
                .tag("queue", queue)
                .tag("state", state)
                .register(registry);
    }

    private final class CachedCounts {
        private final String queue;
        private final AtomicReference<@Nullable Read> last = new AtomicReference<>();

        CachedCounts(String queue) {
            this.queue = queue;
        }

        @Nullable
        QueueCounts get() {
            long now = ticker.nanoTime();
            Read read = last.get();
            if (read != null && now - read.atNanos < COUNTS_MAX_AGE.toNanos()) {
                return read.counts;
            }
            try {
                QueueCounts counts = jobs.counts(queue);
                last.set(new Read(counts, now));
                return counts;
            } catch (JobQueueException e) {
                return null;
            }
        }
    }

    private record Read(QueueCounts counts, long atNanos) {}
}
