package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.CodecException;
import dev.headroom.jobs.Job;
import dev.headroom.jobs.JobHandler;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.PermanentJobFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes jobs of one queue and runs a handler on them, event-driven and without a thread of its own.
 *
 * <p><b>Turns.</b> Every store call that takes jobs is a turn: one {@link Backend#complete} call
 * (one script on Redis) that records the completions buffered since the last turn and leases as
 * many jobs as there are free slots. A worker's turns never overlap: requests while one is in
 * flight make one more turn after it, which carries every completion that arrived meanwhile. A
 * turn does not block a thread: its reply dispatches the leased jobs to the executor.
 *
 * <p><b>When.</b> A turn runs when the store announces new work, when the poll timer fires, after
 * a job fails, and when a job completes while the queue has a backlog (the last turn filled every
 * free slot and left jobs waiting). Turns start at least {@link
 * dev.headroom.jobs.JobQueueConfig#minTurnInterval()} apart: one asked for sooner waits on the
 * scheduler, and the requests that arrive meanwhile ride with it. A waiting turn starts early once
 * it would be full, so that the interval never caps the worker: the queue has a backlog and half
 * the slots are free. A job that completes while the queue is drained waits in the buffer at most
 * {@link
 * dev.headroom.jobs.JobQueueConfig#completionDelay()} for the next turn, which the next announced
 * job usually brings sooner: a trickle of jobs then costs one turn per job, not two. Until its
 * turn records it, a completed job keeps its lease, renewed with the running ones.
 *
 * <p>Leases of running and buffered jobs are renewed every third of the visibility timeout.
 * Failures are recorded at once on the job's thread. Store calls that fail while finishing a job
 * are retried on the scheduler until the lease would have expired anyway.
 */
final class Worker<P, R> implements JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final int FINISH_ATTEMPTS = 8;
    /** The most completions one turn records; more wait for the next turn, which follows at once. */
    private static final int MAX_BATCH = 256;

    private static final CompletableFuture<Void> NOTHING_TO_DO = CompletableFuture.completedFuture(null);

    private final DefaultJobQueue<P, R> owner;
    private final String queue;
    private final int concurrency;
    private final JobHandler<P, R> handler;
    private final Scheduler scheduler;
    private final long leaseMs;
    private final long completionDelayNanos;
    private final long minTurnIntervalNanos;
    private final int maxStalls;
    private final String workerId = UUID.randomUUID().toString();
    private final AtomicLong leaseSequence = new AtomicLong();
    /** Jobs leased whose handler has not returned: the slots in use. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Turn requests not yet served; whoever raises it from zero runs turns until it is back to zero. */
    private final AtomicInteger turnRequests = new AtomicInteger();
    /** Leased jobs, running or with a buffered completion, by id: whose leases renewal extends. */
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** Completions not yet recorded. A job is added here before its slot is freed. */
    private final Queue<Done> pending = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean flushArmed = new AtomicBoolean();
    private final AtomicReference<@Nullable PollTimer> pollTimer = new AtomicReference<>();
    private final AtomicReference<Scheduler.@Nullable Cancellable> renewTimer = new AtomicReference<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    /** Free slots that make a turn worth starting before its interval is up, when jobs wait. */
    private final int fullTurnSlots;
    /** The ticket of the turn waiting out its interval, or null; whoever clears it runs that turn. */
    private final AtomicReference<@Nullable Object> waitingTurn = new AtomicReference<>();
    /** The last turn leased every job it asked for and left more waiting. Written by turns only. */
    private volatile boolean backlog;
    /** The turn in flight and when it started, for the watchdog in {@link #renew}. */
    private volatile @Nullable CompletableFuture<Completion> turnInFlight;

    private volatile long turnStartedNanos;
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
        this.completionDelayNanos = owner.config.completionDelay().toNanos();
        this.minTurnIntervalNanos = owner.minTurnIntervalNanos;
        // As if the last turn began one interval ago: the first turn starts at once.
        this.turnStartedNanos = owner.ticker.nanoTime() - minTurnIntervalNanos;
        this.maxStalls = owner.config.maxStalls();
        this.fullTurnSlots = (concurrency + 1) / 2;
    }

    void start() {
        try {
            subscription = owner.backend.subscribe(queue, this::requestTurn);
        } catch (RuntimeException e) {
            LOG.debug("job queue '{}': no wake-ups, polling only: {}", queue, e.toString());
        }
        scheduleRenewal();
        requestTurn();
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

    /** Asks for a turn; requests while one runs collapse into one more turn after it. */
    void requestTurn() {
        if (turnRequests.getAndIncrement() == 0) {
            runTurns(1);
        } else {
            startWaitingTurnIfDue();
        }
    }

    /** Runs turns until no request is left; {@code missed} is how many requests this run serves. */
    private void runTurns(int missed) {
        int serving = missed;
        while (true) {
            long wait = untilNextTurnNanos();
            if (wait > 0) {
                // The delayed turn reads the state when it starts: it serves every request until then.
                Object ticket = new Object();
                waitingTurn.set(ticket);
                var unused = scheduler.schedule(
                        () -> {
                            if (waitingTurn.compareAndSet(ticket, null)) {
                                runTurns(turnRequests.get());
                            }
                        },
                        wait);
                // A slot freed before the ticket was set found no turn waiting: look again.
                startWaitingTurnIfDue();
                return;
            }
            CompletableFuture<?> turn = turn();
            if (!turn.isDone()) {
                int served = serving;
                var unused = turn.whenComplete((ignored, failure) -> afterTurn(served));
                return;
            }
            serving = turnRequests.addAndGet(-serving);
            if (serving == 0) {
                drainedIfIdle();
                return;
            }
        }
    }

    private void afterTurn(int served) {
        int left = turnRequests.addAndGet(-served);
        if (left != 0) {
            runTurns(left);
        } else {
            drainedIfIdle();
        }
    }

    /** Starts the turn waiting out its interval now, if there is one and it need wait no longer. */
    private void startWaitingTurnIfDue() {
        Object ticket = waitingTurn.get();
        if (ticket != null && untilNextTurnNanos() == 0 && waitingTurn.compareAndSet(ticket, null)) {
            runTurns(turnRequests.get());
        }
    }

    /**
     * A turn now would lease at least half the concurrency: jobs wait and that many slots are free.
     * Such a turn is already a batch, so the minimum interval does not hold it back; this keeps the
     * interval from capping a worker at {@code concurrency} jobs per interval.
     */
    private boolean fullTurn() {
        return backlog && concurrency - inFlight.get() >= fullTurnSlots;
    }

    /**
     * How long until the next turn may start: what is left of the minimum interval, or zero if the
     * worker is closing or the turn would be full.
     */
    private long untilNextTurnNanos() {
        if (minTurnIntervalNanos == 0 || closed || fullTurn()) {
            return 0;
        }
        long left = minTurnIntervalNanos - (owner.ticker.nanoTime() - turnStartedNanos);
        return left > 0 ? left : 0;
    }

    /** Starts one turn; the returned stage completes once its reply has been handled. */
    private CompletableFuture<?> turn() {
        int free = closed ? 0 : concurrency - inFlight.get();
        List<Done> batch = takePending();
        if (batch.isEmpty() && free <= 0) {
            return NOTHING_TO_DO;
        }
        List<Finished> finished = new ArrayList<>(batch.size());
        for (Done done : batch) {
            finished.add(new Finished(done.job.id(), done.job.token(), done.result));
        }
        String token = nextToken();
        int leaseMax = Math.max(0, free);
        turnStartedNanos = owner.ticker.nanoTime();
        CompletableFuture<Completion> call = owner.guardedAsync(
                queue,
                batch.isEmpty() ? "lease" : "complete",
                () -> owner.backend.complete(queue, finished, token, leaseMax, leaseMs, maxStalls));
        turnInFlight = call;
        return call.handle((completion, failure) -> {
            turnInFlight = null;
            try {
                if (failure == null) {
                    onTurn(batch, leaseMax, completion);
                } else {
                    onTurnFailed(batch, failure);
                }
            } catch (RuntimeException e) {
                LOG.error("job queue '{}': worker turn failed unexpectedly", queue, e);
            }
            return null;
        });
    }

    private List<Done> takePending() {
        Done first = pending.poll();
        if (first == null) {
            return List.of();
        }
        List<Done> batch = new ArrayList<>();
        batch.add(first);
        Done next;
        while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void onTurn(List<Done> batch, int leaseMax, Completion completion) {
        storeFailures.set(0);
        List<String> lost = completion.lost();
        for (Done done : batch) {
            if (lost.contains(done.job.id())) {
                lost(done.job, "its result was discarded");
            } else {
                owner.completed.increment();
            }
            running.remove(done.job.id(), done.job);
        }
        List<LeasedJob> jobs = completion.next().jobs();
        if (leaseMax > 0) {
            backlog = completion.next().moreWaiting();
            if (jobs.size() < leaseMax) {
                schedulePoll(completion.next().nextDueMs());
            }
        }
        dispatch(jobs);
        if (!pending.isEmpty()) {
            completionAdded();
        }
    }

    private void onTurnFailed(List<Done> batch, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        JobQueueException e = cause instanceof JobQueueException j
                ? j
                : new JobQueueException(queue, "worker turn failed: " + cause, false, cause);
        if (batch.isEmpty()) {
            storeFailure("cannot lease jobs", e);
            schedulePoll(-1);
            return;
        }
        storeFailure("cannot complete jobs", e);
        long now = owner.ticker.nanoTime();
        long giveUpNanos = TimeUnit.MILLISECONDS.toNanos(leaseMs);
        int attempt = 1;
        for (Done done : batch) {
            long since = done.firstFailureNanos == 0 ? now : done.firstFailureNanos;
            if (now - since >= giveUpNanos) {
                storeFailure("cannot finish job " + done.job.id() + "; it will run again after its lease expires", e);
                running.remove(done.job.id(), done.job);
            } else {
                pending.add(new Done(done.job, done.result, done.attempt + 1, since));
                attempt = Math.max(attempt, done.attempt);
            }
        }
        long delayMs = Math.min(leaseMs / 2, 50L << Math.min(attempt, 16));
        scheduler.schedule(this::requestTurn, TimeUnit.MILLISECONDS.toNanos(delayMs));
    }

    /** A completion was buffered: record it now, or within the completion delay. */
    private void completionAdded() {
        if (closed || backlog || completionDelayNanos == 0) {
            requestTurn();
        } else if (flushArmed.compareAndSet(false, true)) {
            scheduler.schedule(
                    () -> {
                        flushArmed.set(false);
                        if (!pending.isEmpty()) {
                            requestTurn();
                        }
                    },
                    completionDelayNanos);
        }
    }

    private void storeFailure(String what, JobQueueException e) {
        long failures = storeFailures.incrementAndGet();
        if (failures == 1 || failures % 100 == 0) {
            LOG.warn("job queue '{}': {} ({} in a row): {}", queue, what, failures, e.getMessage());
        }
    }

    /**
     * Makes sure a turn runs within the poll interval, or sooner when the store hints at a delayed
     * job or an expiring lease; keeps an armed timer that fires no later. Called by turns only.
     */
    private void schedulePoll(long hintMs) {
        if (closed) {
            return;
        }
        long pollMs = owner.config.pollInterval().toMillis();
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(hintMs < 0 ? pollMs : Math.min(pollMs, hintMs + 1));
        long due = owner.ticker.nanoTime() + delayNanos;
        PollTimer armed = pollTimer.get();
        if (armed != null && armed.dueNanos - due <= 0) {
            return;
        }
        PollTimer timer = new PollTimer(due);
        timer.handle = scheduler.schedule(timer, delayNanos);
        PollTimer previous = pollTimer.getAndSet(timer);
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
        completed(job, encoded);
    }

    /** The handler returned: buffers the completion, then frees the slot. */
    private void completed(Running job, byte @Nullable [] result) {
        pending.add(new Done(job, result, 1, 0));
        inFlight.decrementAndGet();
        completionAdded();
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

    /** A job ended without a completion to record (it failed, or could not start). */
    private void finished(Running job) {
        running.remove(job.id(), job);
        inFlight.decrementAndGet();
        if (closed) {
            drainedIfIdle();
        } else {
            requestTurn();
        }
    }

    /** Completes {@link #drained} once a closed worker has nothing running, buffered or in flight. */
    private void drainedIfIdle() {
        if (closed && inFlight.get() == 0 && pending.isEmpty() && turnRequests.get() == 0) {
            drained.complete(null);
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
        CompletableFuture<Completion> turn = turnInFlight;
        if (turn != null && owner.ticker.nanoTime() - turnStartedNanos > TimeUnit.MILLISECONDS.toNanos(leaseMs)) {
            // A store client without command timeouts could leave a turn unanswered forever.
            turn.completeExceptionally(new TimeoutException("no reply to a worker turn within " + leaseMs + " ms"));
        }
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
        PollTimer poll = pollTimer.getAndSet(null);
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
        requestTurn(); // records buffered completions now
        drainedIfIdle();
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
                    "job queue '{}': worker closed with {} job(s) still running and {} completion(s) unrecorded;"
                            + " their leases expire after {}",
                    queue,
                    inFlight.get(),
                    pending.size(),
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

    /** A completion waiting for a turn. */
    private final class Done {
        final Running job;
        final byte @Nullable [] result;
        /** How many turns have tried to record it, counting the next. */
        final int attempt;
        /** When a turn first failed to record it; 0 before any failure. */
        final long firstFailureNanos;

        Done(Running job, byte @Nullable [] result, int attempt, long firstFailureNanos) {
            this.job = job;
            this.result = result;
            this.attempt = attempt;
            this.firstFailureNanos = firstFailureNanos;
        }
    }

    /** The poll timer: a turn at {@code dueNanos} unless a turn reschedules it. */
    private final class PollTimer implements Runnable {
        final long dueNanos;
        volatile Scheduler.@Nullable Cancellable handle;

        PollTimer(long dueNanos) {
            this.dueNanos = dueNanos;
        }

        @Override
        public void run() {
            pollTimer.compareAndSet(this, null);
            requestTurn();
        }

        void cancel() {
            Scheduler.Cancellable armed = handle;
            if (armed != null) {
                armed.cancel();
            }
        }
    }
}
