package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.codec.EnvelopeCodec;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobHandler;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobQueueStats;
import dev.headroom.jobs.JobRequest;
import dev.headroom.jobs.JobStatus;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.QueueCounts;
import dev.headroom.jobs.WorkerOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobQueue} over one queue's {@link Backend}: encodes payloads and results in core's
 * envelope, calls the store through a {@link GuardedStore}, and runs {@link Worker}s.
 */
final class DefaultJobQueue<P, R> implements JobQueue<P, R> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultJobQueue.class);

    private final String name;
    private final EnvelopeCodec<P> payloads;
    private final EnvelopeCodec<R> results;
    private final Backend backend;
    private final GuardedStore store;
    private final QueueCounters counters;
    private final Ticker ticker;
    private final WorkerContext workerContext;
    private final List<Worker<P, R>> workers = new CopyOnWriteArrayList<>();

    /**
     * Creates the queue.
     *
     * @param parts the store, codecs, executor and guard, as {@link JobQueues} assembles them
     */
    DefaultJobQueue(QueueParts<P, R> parts) {
        this.name = parts.name();
        this.payloads = EnvelopeCodec.of(parts.payloadCodec());
        this.results = EnvelopeCodec.of(parts.resultCodec());
        this.backend = parts.backend();
        this.counters = new QueueCounters();
        Scheduler scheduler = parts.scheduler();
        this.ticker = scheduler.ticker();
        this.store = new GuardedStore(name, backend, parts.guard());
        JobQueueConfig config = parts.config();
        this.workerContext = new WorkerContext(
                store,
                backend::subscribe,
                counters,
                scheduler,
                parts.executor(),
                config,
                backend.remote() ? config.minTurnInterval().toNanos() : 0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AddResult add(P payload, JobOptions options) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        return addBulk(List.of(new JobRequest<>(payload, options))).get(0);
    }

    @Override
    public List<AddResult> addBulk(List<JobRequest<P>> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<NewJob> encoded = new ArrayList<>(jobs.size());
        long now = ticker.wallMillis();
        for (JobRequest<P> job : jobs) {
            encoded.add(NewJob.of(payloads.encode(job.payload(), now, 0), job.options()));
        }
        List<AddResult> added = store.add(encoded);
        for (AddResult result : added) {
            counters.added(result.outcome());
        }
        return added;
    }

    @Override
    public Optional<JobStatus<R>> status(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return store.status(jobId).map(record -> {
            R result = null;
            byte[] bytes = record.result();
            if (bytes != null) {
                try {
                    result = results.decode(bytes).value();
                } catch (RuntimeException e) { // the result codec's: the status is reported without it
                    LOG.warn("job queue '{}': result of job {} cannot be decoded: {}", name, jobId, e.toString());
                }
            }
            return new JobStatus<>(
                    jobId,
                    name,
                    record.state(),
                    record.progress(),
                    record.attempts(),
                    record.maxAttempts(),
                    record.stalls(),
                    result,
                    record.error(),
                    Instant.ofEpochMilli(record.createdAtMillis()),
                    record.state().isFinished() ? Instant.ofEpochMilli(record.finishedAtMillis()) : null);
        });
    }

    @Override
    public QueueCounts counts() {
        return store.counts();
    }

    @Override
    public boolean redrive(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return store.redrive(jobId);
    }

    @Override
    public JobQueueStats stats() {
        return counters.snapshot(store.errors());
    }

    @Override
    public JobWorker worker(WorkerOptions options, JobHandler<P, R> handler) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        JobExecution<P, R> execution = new JobExecution<>(handler, payloads, results, ticker);
        Worker<P, R> worker = new Worker<>(workerContext, options.concurrency(), execution, workers::remove);
        workers.add(worker);
        worker.start();
        return worker;
    }

    /** The guard of the store calls, whose counts the metrics publish. */
    GuardedRedis guard() {
        return store.guard();
    }

    /** The store itself, for tests in this package that drive it directly. */
    Backend backend() {
        return backend;
    }

    @Override
    public void close() {
        for (Worker<P, R> worker : workers) {
            worker.close();
        }
        backend.close();
    }

    @Override
    public String toString() {
        return "JobQueue{" + name + ", " + backend.getClass().getSimpleName() + ", " + stats() + '}';
    }
}
