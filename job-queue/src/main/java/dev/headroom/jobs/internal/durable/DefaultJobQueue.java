package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.codec.CodecException;
import dev.headroom.core.codec.EnvelopeCodec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.jobs.AddOutcome;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobHandler;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobQueueStats;
import dev.headroom.jobs.JobRequest;
import dev.headroom.jobs.JobStatus;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.QueueCounts;
import dev.headroom.jobs.WorkerOptions;
import dev.headroom.jobs.internal.JobExecutors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobQueue} over a {@link Backend}: encodes payloads and results in core's envelope,
 * guards every store call with a circuit breaker, and runs {@link Worker}s.
 */
public final class DefaultJobQueue<P, R> implements JobQueue<P, R> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultJobQueue.class);

    /** The default breaker's rules: the defaults, but open for 1 s so workers resume soon after Redis does. */
    static final CircuitBreakerConfig DEFAULT_BREAKER = CircuitBreakerConfig.ofDefaults().toBuilder()
            .openDuration(java.time.Duration.ofSeconds(1))
            .build();

    final EnvelopeCodec<P> payloads;
    final EnvelopeCodec<R> results;
    final Backend backend;
    final JobQueueConfig config;
    final Scheduler scheduler;
    final Ticker ticker;
    /** The least nanoseconds between the starts of a worker's turns; zero for a store in memory. */
    final long minTurnIntervalNanos;

    final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final CircuitBreaker breaker;
    private final List<Worker<P, R>> workers = new CopyOnWriteArrayList<>();

    final LongAdder added = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder debounced = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dead = new LongAdder();
    final LongAdder leasesLost = new LongAdder();
    final LongAdder storeErrors = new LongAdder();

    DefaultJobQueue(
            Codec<P> payloadCodec,
            Codec<R> resultCodec,
            Backend backend,
            JobQueueConfig config,
            Scheduler scheduler,
            @Nullable Executor executor,
            @Nullable CircuitBreaker breaker) {
        this.payloads = EnvelopeCodec.of(payloadCodec);
        this.results = EnvelopeCodec.of(resultCodec);
        this.backend = backend;
        this.config = config;
        this.scheduler = scheduler;
        this.ticker = scheduler.ticker();
        this.minTurnIntervalNanos = backend.remote() ? config.minTurnInterval().toNanos() : 0;
        if (executor == null) {
            ExecutorService created = JobExecutors.newDefault("headroom-jobs-");
            this.ownedExecutor = created;
            this.executor = created;
        } else {
            this.ownedExecutor = null;
            this.executor = executor;
        }
        this.breaker = breaker != null ? breaker : CircuitBreaker.of("jobs", DEFAULT_BREAKER, scheduler.ticker());
    }

    /** Builds a queue in Redis when {@code redis} is given, else in memory. */
    public static <P, R> DefaultJobQueue<P, R> create(
            Codec<P> payloadCodec,
            Codec<R> resultCodec,
            @Nullable HeadroomRedis redis,
            JobQueueConfig config,
            Scheduler scheduler,
            @Nullable Executor executor,
            @Nullable CircuitBreaker breaker) {
        Backend backend = redis == null ? new InMemoryBackend(scheduler.ticker()) : new RedisBackend(redis);
        return new DefaultJobQueue<>(payloadCodec, resultCodec, backend, config, scheduler, executor, breaker);
    }

    /** The store behind this queue, for tests that drive it directly. */
    public Backend backend() {
        return backend;
    }

    /** Runs a store call through the breaker; failures become {@link JobQueueException}. */
    <T> T guarded(String queue, String what, Supplier<T> call) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            storeErrors.increment();
            throw new JobQueueException(
                    queue,
                    what + " refused: circuit breaker '" + breaker.name() + "' is " + permit.state(),
                    false,
                    null);
        }
        long start = ticker.nanoTime();
        try {
            T result = call.get();
            permit.onSuccess(ticker.nanoTime() - start);
            return result;
        } catch (RuntimeException e) {
            permit.onError(e, ticker.nanoTime() - start);
            storeErrors.increment();
            throw new JobQueueException(queue, what + " failed: " + e, backend.mayHaveApplied(e), e);
        }
    }

    /**
     * Runs an asynchronous store call through the breaker. The returned future fails with a {@link
     * JobQueueException} (wrapped in a {@link java.util.concurrent.CompletionException} by
     * dependent stages) when the breaker refuses the call or the store fails it.
     */
    <T> CompletableFuture<T> guardedAsync(String queue, String what, Supplier<CompletableFuture<T>> call) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            storeErrors.increment();
            return CompletableFuture.failedFuture(new JobQueueException(
                    queue,
                    what + " refused: circuit breaker '" + breaker.name() + "' is " + permit.state(),
                    false,
                    null));
        }
        long start = ticker.nanoTime();
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((result, failure) -> {
            long elapsed = ticker.nanoTime() - start;
            if (failure == null) {
                permit.onSuccess(elapsed);
                return result;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            permit.onError(cause, elapsed);
            storeErrors.increment();
            boolean mayHaveApplied = cause instanceof RuntimeException e && backend.mayHaveApplied(e);
            throw new JobQueueException(queue, what + " failed: " + cause, mayHaveApplied, cause);
        });
    }

    private static String requireQueue(String queue) {
        return RedisKeys.requireTag(queue);
    }

    @Override
    public AddResult add(String queue, P payload, dev.headroom.jobs.JobOptions options) {
        return addBulk(queue, List.of(new JobRequest<>(payload, options))).get(0);
    }

    @Override
    public List<AddResult> addBulk(String queue, List<JobRequest<P>> jobs) {
        requireQueue(queue);
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<NewJob> encoded = new ArrayList<>(jobs.size());
        long now = ticker.wallMillis();
        for (JobRequest<P> job : jobs) {
            encoded.add(NewJob.of(payloads.encode(job.payload(), now, 0), job.options()));
        }
        List<AddResult> results = guarded(queue, "add", () -> backend.add(queue, encoded));
        for (AddResult result : results) {
            count(result.outcome());
        }
        return results;
    }

    private void count(AddOutcome outcome) {
        switch (outcome) {
            case ADDED -> added.increment();
            case DUPLICATE -> duplicates.increment();
            case REPLACED, FOLLOW_UP -> debounced.increment();
        }
    }

    @Override
    public Optional<JobStatus<R>> status(String queue, String jobId) {
        requireQueue(queue);
        Objects.requireNonNull(jobId, "jobId");
        return guarded(queue, "status", () -> backend.status(queue, jobId)).map(record -> {
            R result = null;
            byte[] bytes = record.result();
            if (bytes != null) {
                try {
                    result = results.decode(bytes).value();
                } catch (CodecException e) {
                    LOG.warn("job queue '{}': result of job {} cannot be decoded: {}", queue, jobId, e.getMessage());
                }
            }
            return new JobStatus<>(
                    jobId,
                    queue,
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
    public QueueCounts counts(String queue) {
        requireQueue(queue);
        return guarded(queue, "counts", () -> backend.counts(queue));
    }

    @Override
    public boolean redrive(String queue, String jobId) {
        requireQueue(queue);
        return guarded(queue, "redrive", () -> backend.redrive(queue, jobId));
    }

    @Override
    public JobQueueStats stats() {
        return new JobQueueStats(
                added.sum(),
                duplicates.sum(),
                debounced.sum(),
                completed.sum(),
                retried.sum(),
                failed.sum(),
                dead.sum(),
                leasesLost.sum(),
                storeErrors.sum());
    }

    @Override
    public JobWorker worker(String queue, WorkerOptions options, JobHandler<P, R> handler) {
        requireQueue(queue);
        Worker<P, R> worker = new Worker<>(this, queue, options.concurrency(), handler);
        workers.add(worker);
        worker.start();
        return worker;
    }

    void removed(Worker<P, R> worker) {
        workers.remove(worker);
    }

    @Override
    public void close() {
        for (Worker<P, R> worker : workers) {
            worker.close();
        }
        backend.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "JobQueue{" + backend.getClass().getSimpleName() + ", " + stats() + '}';
    }
}
