package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs of one queue and runs a handler on them, event-driven and without a thread of its own.
 *
 * <p><b>Turns.</b> Every store call that takes jobs is a turn: one {@link GuardedStore#complete}
 * call (one script on Redis) that records the completions buffered since the last turn and leases
 * as many jobs as there are free slots; its reply dispatches the leased jobs to the executor. The
 * {@link TurnLoop} runs turns one at a time and the {@link TurnPacer} spaces them. A turn runs when
 * the store announces new work, when the {@link PollTimer} fires, after a job fails, and when a job
 * completes while the queue has a backlog. A job that completes while the queue is drained waits in
 * the {@link CompletionBuffer} at most {@link JobQueueConfig#completionDelay()} for the next turn,
 * which the next announced job usually brings sooner: a trickle of jobs then costs one turn per job,
 * not two.
 *
 * <p><b>Jobs.</b> A {@link JobExecution} runs each attempt and contains whatever user code throws;
 * whatever the outcome, the job's slot is freed exactly once. Completions are buffered, failures
 * recorded at once by the {@link FailureRecorder}. Until its outcome is recorded, a job's lease is
 * renewed by the {@link LeaseKeeper} every third of the visibility timeout; the same heartbeat
 * abandons a turn that got no reply within a lease. The {@link OutcomeLog} counts and logs.
 */
final class Worker<P, R> implements JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final CompletableFuture<Void> NOTHING_TO_DO = CompletableFuture.completedFuture(null);

    private final GuardedStore store;
    private final String queue;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final Executor executor;
    private final JobQueueConfig config;
    private final long leaseMs;
    private final long completionDelayNanos;
    private final JobExecution<P, R> execution;
    private final Function<Runnable, AutoCloseable> wakeUps;
    private final Consumer<Worker<P, R>> onClose;

    private final Slots slots;
    private final OutcomeLog log;
    private final LeaseKeeper leases;
    private final FailureRecorder failures;
    private final CompletionBuffer completions = new CompletionBuffer();
    private final TurnPacer pacer;
    private final TurnLoop turns;
    private final PollTimer poll;

    private final String workerId = UUID.randomUUID().toString();
    private final AtomicLong leaseSequence = new AtomicLong();
    private final AtomicBoolean flushArmed = new AtomicBoolean();
    private final AtomicReference<Scheduler.@Nullable Cancellable> heartbeat = new AtomicReference<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    /** The turn in flight and when it started, for the heartbeat's watchdog. */
    private volatile @Nullable CompletableFuture<Completion> turnInFlight;

    private volatile long turnStartedNanos;
    /** Leases are renewed until closing has waited for the running jobs. */
    private volatile boolean renewing = true;

    private volatile @Nullable AutoCloseable subscription;

    Worker(WorkerContext context, int concurrency, JobExecution<P, R> execution, Consumer<Worker<P, R>> onClose) {
        this.store = context.store();
        this.queue = store.queue();
        this.scheduler = context.scheduler();
        this.ticker = scheduler.ticker();
        this.executor = context.executor();
        this.config = context.config();
        this.leaseMs = config.visibilityTimeout().toMillis();
        this.completionDelayNanos = config.completionDelay().toNanos();
        this.execution = execution;
        this.wakeUps = context.wakeUps();
        this.onClose = onClose;
        this.slots = new Slots(concurrency);
        this.log = new OutcomeLog(queue, context.counters());
        this.leases = new LeaseKeeper(store, log);
        this.failures = new FailureRecorder(store, log, scheduler, executor, leaseMs);
        this.pacer = new TurnPacer(ticker, context.minTurnIntervalNanos(), slots);
        this.turns = new TurnLoop(scheduler, pacer, this::turn, this::drainedIfIdle);
        this.poll = new PollTimer(scheduler, config.pollInterval().toMillis(), turns::request);
    }

    void start() {
        try {
            subscription = wakeUps.apply(turns::request);
        } catch (RuntimeException e) {
            LOG.debug("job queue '{}': no wake-ups, polling only: {}", queue, e.toString());
        }
        scheduleHeartbeat();
        turns.request();
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public int concurrency() {
        return slots.concurrency();
    }

    @Override
    public int inFlight() {
        return slots.inUse();
    }

    /** Starts one turn; the returned stage completes once its reply has been handled. */
    private CompletableFuture<?> turn() {
        int free = slots.free();
        List<CompletionBuffer.Pending> batch = completions.takeBatch();
        if (batch.isEmpty() && free == 0) {
            return NOTHING_TO_DO;
        }
        List<Finished> finished = new ArrayList<>(batch.size());
        for (CompletionBuffer.Pending done : batch) {
            finished.add(done.finished());
        }
        String token = workerId + ':' + leaseSequence.incrementAndGet();
        pacer.started();
        turnStartedNanos = ticker.nanoTime();
        CompletableFuture<Completion> call = store.complete(finished, token, free);
        turnInFlight = call;
        return call.handle((completion, failure) -> {
            turnInFlight = null;
            try {
                if (failure == null) {
                    onTurn(batch, free, completion);
                } else {
                    onTurnFailed(batch, failure);
                }
            } catch (RuntimeException e) {
                LOG.error("job queue '{}': worker turn failed unexpectedly", queue, e);
            }
            return null;
        });
    }

    private void onTurn(List<CompletionBuffer.Pending> batch, int leaseMax, Completion completion) {
        log.storeAnswered();
        List<String> lost = completion.lost();
        for (CompletionBuffer.Pending done : batch) {
            if (lost.contains(done.job().id())) {
                log.leaseLost(done.job().id(), "its result was discarded");
            } else {
                log.completed();
            }
            leases.release(done.job());
        }
        LeaseBatch next = completion.next();
        if (leaseMax > 0) {
            pacer.backlog(next.moreWaiting());
            if (next.jobs().size() < leaseMax) {
                poll.within(next.nextDueMs());
            }
        }
        dispatch(next.jobs());
        if (!completions.isEmpty()) {
            completionAdded();
        }
    }

    private void onTurnFailed(List<CompletionBuffer.Pending> batch, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        JobQueueException e = cause instanceof JobQueueException j
                ? j
                : new JobQueueException(queue, "worker turn failed: " + cause, false, cause);
        if (batch.isEmpty()) {
            log.storeFailure("cannot lease jobs", e);
            poll.within(-1);
            return;
        }
        log.storeFailure("cannot complete jobs", e);
        int attempt = completions.putBack(batch, ticker.nanoTime(), TimeUnit.MILLISECONDS.toNanos(leaseMs), done -> {
            log.storeFailure("cannot finish job " + done.job().id() + "; it will run again after its lease expires", e);
            leases.release(done.job());
        });
        long delayMs = Math.min(leaseMs / 2, 50L << Math.min(attempt, 16));
        var unused = scheduler.schedule(turns::request, TimeUnit.MILLISECONDS.toNanos(delayMs));
    }

    private void dispatch(List<LeasedJob> jobs) {
        for (LeasedJob leased : jobs) {
            ActiveJob<P> job = new ActiveJob<>(leased, store);
            slots.take();
            leases.hold(job);
            try {
                executor.execute(() -> process(job));
            } catch (RejectedExecutionException e) {
                LOG.warn("job queue '{}': executor refused job {}; its lease will expire", queue, leased.id());
                ended(job);
            }
        }
    }

    private void process(ActiveJob<P> job) {
        JobExecution.Outcome outcome;
        try {
            outcome = execution.run(job);
        } catch (VirtualMachineError e) {
            ended(job); // its lease expires and the job runs again, if the JVM survives
            throw e;
        }
        if (outcome instanceof JobExecution.Succeeded succeeded) {
            completions.add(job, succeeded.result());
            slots.release();
            completionAdded();
        } else {
            failures.record(job, (JobExecution.Failed) outcome, () -> ended(job));
        }
    }

    /** A job ended without a completion to record: it failed, or could not run. Frees its slot. */
    private void ended(ActiveJob<P> job) {
        leases.release(job);
        slots.release();
        if (slots.closed()) {
            drainedIfIdle();
        } else {
            turns.request();
        }
    }

    /** A completion was buffered: record it now, or within the completion delay. */
    private void completionAdded() {
        if (slots.closed() || pacer.backlog() || completionDelayNanos == 0) {
            turns.request();
        } else if (flushArmed.compareAndSet(false, true)) {
            var unused = scheduler.schedule(
                    () -> {
                        flushArmed.set(false);
                        if (!completions.isEmpty()) {
                            turns.request();
                        }
                    },
                    completionDelayNanos);
        }
    }

    /** Completes {@link #drained} once a closed worker has nothing running, buffered or in flight. */
    private void drainedIfIdle() {
        if (slots.closed() && slots.inUse() == 0 && completions.isEmpty() && turns.idle()) {
            drained.complete(null);
        }
    }

    private void scheduleHeartbeat() {
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, leaseMs / 3));
        heartbeat.set(scheduler.schedule(
                () -> {
                    if (!renewing) {
                        return;
                    }
                    try {
                        executor.execute(this::beat);
                    } catch (RejectedExecutionException e) {
                        return;
                    }
                    scheduleHeartbeat();
                },
                periodNanos));
    }

    /** Abandons a turn that got no reply within a lease, and renews the held leases. */
    private void beat() {
        CompletableFuture<Completion> turn = turnInFlight;
        if (turn != null
                && ticker.nanoTime() - turnStartedNanos > TimeUnit.MILLISECONDS.toNanos(leaseMs)
                && turn.cancel(true)) {
            // A store client without command timeouts could leave a turn unanswered forever.
            LOG.warn("job queue '{}': no reply to a worker turn within {} ms; gave it up", queue, leaseMs);
        }
        leases.renew();
    }

    @Override
    public boolean close(Duration timeout) {
        slots.close();
        onClose.accept(this);
        poll.close();
        AutoCloseable subscribed = subscription;
        if (subscribed != null) {
            try {
                subscribed.close();
            } catch (Exception e) {
                LOG.debug("job queue '{}': unsubscribing failed: {}", queue, e.toString());
            }
        }
        turns.request(); // records buffered completions now
        drainedIfIdle();
        boolean clean;
        try {
            drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            clean = true;
        } catch (TimeoutException | ExecutionException e) {
            clean = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        renewing = false;
        Scheduler.Cancellable beating = heartbeat.getAndSet(null);
        if (beating != null) {
            beating.cancel();
        }
        if (!clean) {
            LOG.warn(
                    "job queue '{}': worker closed with {} job(s) still running and {} completion(s) unrecorded;"
                            + " their leases expire after {}",
                    queue,
                    slots.inUse(),
                    completions.size(),
                    config.visibilityTimeout());
        }
        return clean;
    }

    @Override
    public void close() {
        close(config.shutdownTimeout());
    }

    @Override
    public String toString() {
        return "JobWorker{" + queue + ", concurrency=" + slots.concurrency() + ", inFlight=" + slots.inUse() + '}';
    }
}
