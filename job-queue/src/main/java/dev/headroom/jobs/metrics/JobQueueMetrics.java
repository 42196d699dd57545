package dev.headroom.jobs.metrics;

import dev.headroom.breaker.internal.redis.RedisFailureMeter;
import dev.headroom.core.Ticker;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobQueueStats;
import dev.headroom.jobs.QueueCounts;
import dev.headroom.jobs.internal.durable.JobQueues;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a durable {@link JobQueue}'s counters and sizes, every meter tagged {@code
 * name=<queue name>}:
 *
 * <ul>
 *   <li>{@value #ADDS} (counter) tagged {@code outcome=added|duplicate|debounced};
 *   <li>{@value #FINISHED} (counter) tagged {@code outcome=completed|retried|failed|dead|lease_lost};
 *   <li>{@value RedisFailureMeter#NAME} (counter) tagged {@code component=jobs}: store calls that
 *       failed, the one Redis failure meter every Headroom component shares;
 *   <li>{@value #SIZE} (gauge) tagged {@code state=waiting|delayed|active|completed|failed|dead}:
 *       the store's counts, read at most once per {@link #COUNTS_MAX_AGE} for all six states (one
 *       script call), and NaN while the store cannot be reached.
 * </ul>
 *
 * <p>The counters are this instance's ({@link JobQueue#stats()}); the sizes are the shared queue's.
 */
public final class JobQueueMetrics implements MeterBinder {

    /** The adds counter: {@value}. */
    public static final String ADDS = "headroom.jobs.adds";

    /** The counter of what became of jobs this instance's workers ran: {@value}. */
    public static final String FINISHED = "headroom.jobs.finished";

    /** The queue-size gauge: {@value}. */
    public static final String SIZE = "headroom.jobs.queue.size";

    /** How long one read of the queue's counts serves its gauges: {@code PT1S}. */
    public static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(1);

    private final JobQueue<?, ?> jobs;
    private final Ticker ticker;

    private JobQueueMetrics(JobQueue<?, ?> jobs, Ticker ticker) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Creates a binder for one queue.
     *
     * @param jobs the queue to publish
     * @return the binder
     */
    public static JobQueueMetrics of(JobQueue<?, ?> jobs) {
        return new JobQueueMetrics(jobs, Ticker.system());
    }

    /**
     * Creates a binder for one queue whose size reads age on {@code ticker}, for tests.
     *
     * @param jobs the queue to publish
     * @param ticker the clock of {@link #COUNTS_MAX_AGE}
     * @return the binder
     */
    public static JobQueueMetrics of(JobQueue<?, ?> jobs, Ticker ticker) {
        return new JobQueueMetrics(jobs, ticker);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, ADDS, "added", JobQueueStats::added);
        counter(registry, ADDS, "duplicate", JobQueueStats::duplicates);
        counter(registry, ADDS, "debounced", JobQueueStats::debounced);
        counter(registry, FINISHED, "completed", JobQueueStats::completed);
        counter(registry, FINISHED, "retried", JobQueueStats::retried);
        counter(registry, FINISHED, "failed", JobQueueStats::failed);
        counter(registry, FINISHED, "dead", JobQueueStats::dead);
        counter(registry, FINISHED, "lease_lost", JobQueueStats::leasesLost);
        RedisFailureMeter.bindTo(registry, JobQueues.guard(jobs));
        CachedCounts counts = new CachedCounts();
        size(registry, "waiting", counts, QueueCounts::waiting);
        size(registry, "delayed", counts, QueueCounts::delayed);
        size(registry, "active", counts, QueueCounts::active);
        size(registry, "completed", counts, QueueCounts::completed);
        size(registry, "failed", counts, QueueCounts::failed);
        size(registry, "dead", counts, QueueCounts::dead);
    }

    private void counter(MeterRegistry registry, String meter, String outcome, ToDoubleFunction<JobQueueStats> value) {
        FunctionCounter.builder(meter, jobs, q -> value.applyAsDouble(q.stats()))
                .tag("name", jobs.name())
                .tag("outcome", outcome)
                .register(registry);
    }

    private void size(MeterRegistry registry, String state, CachedCounts counts, ToLongFunction<QueueCounts> value) {
        Gauge.builder(SIZE, counts, c -> {
                    QueueCounts read = c.get();
                    return read == null ? Double.NaN : value.applyAsLong(read);
                })
                // The registry holds a gauge's object weakly, and nothing else holds this cache.
                .strongReference(true)
                .tag("name", jobs.name())
                .tag("state", state)
                .register(registry);
    }

    /** The queue's counts, read at most once per {@link #COUNTS_MAX_AGE}. */
    private final class CachedCounts {
        private final AtomicReference<@Nullable Read> last = new AtomicReference<>();

        @Nullable
        QueueCounts get() {
            long now = ticker.nanoTime();
            Read read = last.get();
            if (read != null && now - read.atNanos < COUNTS_MAX_AGE.toNanos()) {
                return read.counts;
            }
            try {
                QueueCounts counts = jobs.counts();
                last.set(new Read(counts, now));
                return counts;
            } catch (JobQueueException e) {
                return null;
            }
        }
    }

    private record Read(QueueCounts counts, long atNanos) {}
}
