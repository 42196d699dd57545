package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.spi.Scheduler;
import dev.headroom.core.codec.CodecException;
import dev.headroom.jobs.Job;
import dev.headroom.jobs.JobHandler;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.PermanentJobFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs of one queue and runs a handler on them, event-driven and without a thread of its own:
 * a fetch runs on the executor when a slot frees, when the store announces new work, or when the
 * poll timer fires; completing a job leases the slot's next job in the same call. Leases of running
 * jobs are renewed every third of the visibility timeout. Store calls that fail while finishing a
 * job are retried on the scheduler until the lease would have expired anyway.
 */
final class Worker<P, R> implements JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int FINISH_ATTEMPTS = 8;

    private final DefaultJobQueue<P, R> owner;
    private final String queue;
    private final int concurrency;
    private final JobHandler<P, R> handler;
    private final Scheduler scheduler;
    private final long leaseMs;
    private final int maxStalls;
    private final String workerId = UUID.randomUUID().toString();
    private final AtomicLong leaseSequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicReference<Scheduler.@Nullable Cancellable> pollTimer = new AtomicReference<>();
    private final AtomicReference<Scheduler.@Nullable Cancellable> renewTimer = new AtomicReference<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile @Nullable AutoCloseable subscription;
    private final AtomicLong storeFailures = new AtomicLong();

    Worker(DefaultJobQueue<P, R> owner, String queue, int concurrency, JobHandler<P, R> handler) {
        this.owner = owner;
        this.queue = queue;
        this.concurrency = concurrency;
        this.handler = handler;
        this.scheduler = owner.scheduler;
        this.leaseMs = owner.config.visibilityTimeout().toMillis();
        this.maxStalls = owner.config.maxStalls();
    }

    void start() {
        try {
            subscription = owner.backend.subscribe(queue, this::requestFetch);
        } catch (RuntimeException e) {
            LOG.debug("job queue '{}': no wake-ups, polling only: {}", queue, e.toString());
        }
        scheduleRenewal();
        requestFetch();
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    private String nextToken() {
        return workerId + ':' + leaseSequence.incrementAndGet();
    }

    /** Asks for a fetch; concurrent requests collapse into one more pass of the running fetch. */
    void requestFetch() {
        if (closed || wip.getAndIncrement() != 0) {
            return;
        }
        try {
            owner.executor.execute(this::drainFetches);
        } catch (RejectedExecutionException e) {
            wip.set(0);
        }
    }

    private void drainFetches() {
        int missed = 1;
        do {
            fetchOnce();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void fetchOnce() {
        int free = concurrency - inFlight.get();
        if (closed || free <= 0) {
            return;
        }
        String token = nextToken();
        LeaseBatch batch;
        try {
            batch = owner.guarded(queue, "lease", () -> owner.backend.lease(queue, token, leaseMs, free, maxStalls));
            storeFailures.set(0);
        } catch (JobQueueException e) {
            storeFailure("cannot lease jobs", e);
            schedulePoll(-1);
            return;
        }
        dispatch(batch.jobs());
        if (batch.jobs().size() < free) {
            schedulePoll(batch.nextDueMs());
        }
    }

    private void storeFailure(String what, JobQueueException e) {
        long failures = storeFailures.incrementAndGet();
        if (failures == 1 || failures % 100 == 0) {
            LOG.warn("job queue '{}': {} ({} in a row): {}", queue, what, failures, e.getMessage());
        }
    }

    private void schedulePoll(long hintMs) {
        if (closed) {
            return;
        }
        long pollMs = owner.config.pollInterval().toMillis();
        long delayMs = hintMs < 0 ? pollMs : Math.min(pollMs, hintMs + 1);
        Scheduler.Cancellable timer = scheduler.schedule(this::requestFetch, TimeUnit.MILLISECONDS.toNanos(delayMs));
        Scheduler.Cancellable previous = pollTimer.getAndSet(timer);
        if (previous != null) {
            previous.cancel();
        }
    }

    private void dispatch(List<LeasedJob> jobs) {
        for (LeasedJob leased : jobs) {
            Running job = new Running(leased);
            inFlight.incrementAndGet();
            running.put(leased.id(), job);
            try {
                owner.executor.execute(() -> process(job));
            } catch (RejectedExecutionException e) {
                LOG.warn("job queue '{}': executor refused job {}; its lease will expire", queue, leased.id());
                finished(job);
            }
        }
    }

    private void process(Running job) {
        P payload;
        try {
            payload = owner.payloads.decode(job.leased.payload()).value();
        } catch (CodecException e) {
            fail(job, "undecodable payload: " + e.getMessage(), true, 0);
            return;
        }
        job.payload = payload;
        R result;
        try {
            result = handler.handle(job);
        } catch (PermanentJobFailure e) {
            fail(job, e.getMessage() == null ? "permanent failure" : e.getMessage(), true, 0);
            return;
        } catch (Exception | LinkageError | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            int retry = job.leased.failedAttempts() + 1;
            long delayMs = BackoffSpec.decode(job.leased.backoff()).delay(retry).toMillis();
            fail(job, e.toString(), false, delayMs);
            return;
        }
        byte[] encoded;
        try {
            encoded = result == null ? null : owner.results.encode(result, owner.ticker.wallMillis(), 0);
        } catch (CodecException e) {
            fail(job, "unencodable result: " + e.getMessage(), true, 0);
            return;
        }
        complete(job, encoded, 1);
    }

    private void complete(Running job, byte @Nullable [] result, int attempt) {
        int leaseNext = closed ? 0 : 1;
        Completion completion;
        try {
            completion = owner.guarded(
                    queue,
                    "complete",
                    () -> owner.backend.complete(queue, job.id(), job.token(), result, leaseNext, leaseMs, maxStalls));
        } catch (JobQueueException e) {
            retryFinish(job, attempt, e, () -> complete(job, result, attempt + 1));
            return;
        }
        if (completion.completed()) {
            owner.completed.increment();
        } else {
            lost(job, "its result was discarded");
        }
        List<LeasedJob> next = completion.next().jobs();
        dispatch(next);
        if (leaseNext > 0 && next.isEmpty()) {
            schedulePoll(completion.next().nextDueMs());
            finished(job, false);
        } else {
            finished(job, true);
        }
    }

    private void fail(Running job, String error, boolean permanent, long retryDelayMs) {
        fail(job, error, permanent, retryDelayMs, 1);
    }

    private void fail(Running job, String error, boolean permanent, long retryDelayMs, int attempt) {
        FailOutcome outcome;
        try {
            outcome = owner.guarded(
                    queue,
                    "fail",
                    () -> owner.backend.fail(
                            queue,
                            job.id(),
                            job.token(),
                            error,
                            permanent,
                            retryDelayMs,
                            owner.config.deadLetterRetention().maxCount(),
                            owner.config.deadLetterRetention().maxAge().toMillis()));
        } catch (JobQueueException e) {
            retryFinish(job, attempt, e, () -> fail(job, error, permanent, retryDelayMs, attempt + 1));
            return;
        }
        int attemptNumber = job.attempt();
        switch (outcome) {
            case RETRYING -> {
                owner.retried.increment();
                LOG.warn(
                        "job queue '{}': job {} failed (attempt {} of {}); retrying in {} ms: {}",
                        queue,
                        job.id(),
                        attemptNumber,
                        job.leased.maxAttempts(),
                        retryDelayMs,
                        error);
            }
            case FAILED -> {
                owner.failed.increment();
                LOG.error("job queue '{}': job {} failed permanently: {}", queue, job.id(), error);
            }
            case DEAD -> {
                owner.dead.increment();
                LOG.error(
                        "job queue '{}': job {} failed {} times; dead-lettered: {}",
                        queue,
                        job.id(),
                        attemptNumber,
                        error);
            }
            case LEASE_LOST -> lost(job, "its failure was not recorded");
        }
        finished(job);
    }

    private void retryFinish(Running job, int attempt, JobQueueException e, Runnable again) {
        if (attempt >= FINISH_ATTEMPTS) {
            storeFailure("cannot finish job " + job.id() + "; it will run again after its lease expires", e);
            finished(job);
            return;
        }
        long delayMs = Math.min(leaseMs / 2, 50L << attempt);
        scheduler.schedule(
                () -> {
                    try {
                        owner.executor.execute(again);
                    } catch (RejectedExecutionException rejected) {
                        finished(job);
                    }
                },
                TimeUnit.MILLISECONDS.toNanos(delayMs));
    }

    private void lost(Running job, String consequence) {
        owner.leasesLost.increment();
        LOG.warn("job queue '{}': lost the lease of job {} before it finished; {}", queue, job.id(), consequence);
    }

    private void finished(Running job) {
        finished(job, true);
    }

    private void finished(Running job, boolean fetch) {
        running.remove(job.id(), job);
        int left = inFlight.decrementAndGet();
        if (closed) {
            if (left == 0) {
                drained.complete(null);
            }
        } else if (fetch) {
            requestFetch();
        }
    }

    private void scheduleRenewal() {
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, leaseMs / 3));
        renewTimer.set(scheduler.schedule(
                () -> {
                    if (closed) {
                        return;
                    }
                    try {
                        owner.executor.execute(this::renew);
                    } catch (RejectedExecutionException e) {
                        return;
                    }
                    scheduleRenewal();
                },
                periodNanos));
    }

    private void renew() {
        if (running.isEmpty()) {
            return;
        }
        Map<String, String> tokens = new HashMap<>();
        running.values().forEach(job -> tokens.put(job.id(), job.token()));
        Set<String> lost;
        try {
            lost = owner.guarded(queue, "renew leases", () -> owner.backend.extend(queue, tokens, leaseMs));
        } catch (JobQueueException e) {
            storeFailure("cannot renew leases", e);
            return;
        }
        for (String id : lost) {
            Running job = running.get(id);
            if (job != null && !job.leaseLost) {
                job.leaseLost = true;
            }
        }
    }

    @Override
    public boolean close(Duration timeout) {
        closed = true;
        owner.removed(this);
        Scheduler.Cancellable poll = pollTimer.getAndSet(null);
        if (poll != null) {
            poll.cancel();
        }
        AutoCloseable subscribed = subscription;
        if (subscribed != null) {
            try {
                subscribed.close();
            } catch (Exception e) {
                LOG.debug("job queue '{}': unsubscribing failed: {}", queue, e.toString());
            }
        }
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        boolean clean;
        try {
            drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            clean = true;
        } catch (TimeoutException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (ExecutionException e) {
            clean = false;
        }
        Scheduler.Cancellable renew = renewTimer.getAndSet(null);
        if (renew != null && clean) {
            renew.cancel();
        }
        if (!clean) {
            LOG.warn(
                    "job queue '{}': worker closed with {} job(s) still running; their leases expire after {}",
                    queue,
                    inFlight.get(),
                    owner.config.visibilityTimeout());
        }
        return clean;
    }

    @Override
    public void close() {
        close(owner.config.shutdownTimeout());
    }

    @Override
    public String toString() {
        return "JobWorker{" + queue + ", concurrency=" + concurrency + ", inFlight=" + inFlight.get() + '}';
    }

    /** A leased job while this worker runs it; also the handler's view of it. */
    private final class Running implements Job<P> {
        final LeasedJob leased;
        volatile @Nullable P payload;
        volatile boolean leaseLost;

        Running(LeasedJob leased) {
            this.leased = leased;
        }

        @Override
        public String id() {
            return leased.id();
        }

        String token() {
            return leased.token();
        }

        @Override
        public String queue() {
            return queue;
        }

        @Override
        public P payload() {
            P decoded = payload;
            if (decoded == null) {
                throw new IllegalStateException("payload of job " + leased.id() + " not decoded yet");
            }
            return decoded;
        }

        @Override
        public int attempt() {
            return leased.failedAttempts() + 1;
        }

        @Override
        public boolean progress(int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("progress must be between 0 and 100: " + percent);
            }
            if (leaseLost) {
                return false;
            }
            try {
                boolean held = owner.guarded(
                        queue, "progress", () -> owner.backend.progress(queue, leased.id(), leased.token(), percent));
                if (!held) {
                    leaseLost = true;
                }
                return held;
            } catch (JobQueueException e) {
                return false;
            }
        }

        @Override
        public boolean leaseLost() {
            return leaseLost;
        }
    }
}
