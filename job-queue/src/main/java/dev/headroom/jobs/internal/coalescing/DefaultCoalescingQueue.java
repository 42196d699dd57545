package dev.headroom.jobs.internal.coalescing;

import dev.headroom.breaker.Backoff;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.jobs.AfterStep;
import dev.headroom.jobs.CoalescingConfig;
import dev.headroom.jobs.CoalescingQueue;
import dev.headroom.jobs.CoalescingStats;
import dev.headroom.jobs.ComputeStep;
import dev.headroom.jobs.ShutdownPolicy;
import dev.headroom.jobs.ShutdownReport;
import dev.headroom.jobs.SubmitOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CoalescingQueue}: one {@link Slot} per key with work pending or running, each guarded
 * by its own lock, held only for a state transition (never while a step runs). Timers re-arm
 * lazily: a submission that pushes a key's due time later only writes the new time, and the
 * earlier timer, when it fires, schedules the next one.
 *
 * @param <K> the key type
 * @param <P> the payload type
 * @param <R> the compute step's result type
 */
public final class DefaultCoalescingQueue<K, P, R extends @Nullable Object> implements CoalescingQueue<K, P> {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultCoalescingQueue.class);
    /** How many keys a shutdown warning lists; a queue over many keys would otherwise log them all. */
    private static final int LOGGED_KEYS = 20;

    private final String name;
    private final CoalescingConfig config;
    private final ComputeStep<K, P, R> compute;
    private final AfterStep<K, P, R> after;
    private final Function<? super P, ?> signature;
    private final Scheduler scheduler;
    private final Ticker ticker;
    private final Executor runner;
    private final @Nullable SkipCache<K, R> skipCache;
    private final Backoff backoff;
    private final long debounceNanos;
    private final long maxWaitNanos;

    private final ConcurrentHashMap<K, Slot<P>> slots = new ConcurrentHashMap<>();
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<@Nullable Shutdown> shutdown = new AtomicReference<>();
    private final List<AtomicReference<Scheduler.@Nullable Cancellable>> timers = new CopyOnWriteArrayList<>();

    /**
     * Creates and starts a queue.
     *
     * @param name the queue's name
     * @param config the settings
     * @param compute the compute step
     * @param after the after-step
     * @param signature the payload signature for the skip cache
     * @param scheduler timers and time
     * @param executor where runs execute, or null for the default executor
     * @param healthSink where the health line goes every {@link CoalescingConfig#healthLogInterval()}:
     *     {@link #logHealth(String)} but in tests
     */
    public DefaultCoalescingQueue(
            String name,
            CoalescingConfig config,
            ComputeStep<K, P, R> compute,
            AfterStep<K, P, R> after,
            Function<? super P, ?> signature,
            Scheduler scheduler,
            @Nullable Executor executor,
            Consumer<String> healthSink) {
        this.name = name;
        this.config = config;
        this.compute = compute;
        this.after = after;
        this.signature = signature;
        this.scheduler = scheduler;
        this.ticker = scheduler.ticker();
        this.debounceNanos = config.debounce().toNanos();
        this.maxWaitNanos = config.maxWait().toNanos();
        this.backoff = config.retryBackoff();
        Executor base = executor != null ? executor : DefaultExecutor.shared();
        this.runner = config.maxConcurrentRuns() > 0 ? new BoundedExecutor(base, config.maxConcurrentRuns()) : base;
        long skipTtlNanos = config.skipTtl().toNanos();
        SkipCache<K, R> cache = skipTtlNanos > 0 ? new SkipCache<>(skipTtlNanos) : null;
        this.skipCache = cache;
        if (cache != null) {
            scheduleRepeating(skipTtlNanos, () -> cache.sweep(ticker.nanoTime()));
        }
        long healthNanos = config.healthLogInterval().toNanos();
        if (healthNanos > 0) {
            scheduleRepeating(healthNanos, () -> healthSink.accept(healthLine()));
        }
    }

    @Override
    public SubmitOutcome submit(K key, P payload) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        if (shutdown.get() != null) {
            rejected.increment();
            return SubmitOutcome.REJECTED;
        }
        long now = ticker.nanoTime();
        while (true) {
            Slot<P> slot = slots.get(key);
            if (slot == null) {
                Slot<P> created = new Slot<>();
                Slot<P> raced = slots.putIfAbsent(key, created);
                slot = raced == null ? created : raced;
            }
            SubmitOutcome outcome;
            boolean dispatch = false;
            slot.lock.lock();
            try {
                if (slot.removed) {
                    continue;
                }
                if (shutdown.get() != null) {
                    rejected.increment();
                    if (slot.pending == null && slot.phase == Slot.Phase.IDLE) {
                        remove(key, slot);
                    }
                    outcome = SubmitOutcome.REJECTED;
                } else {
                    outcome = offer(key, slot, payload, now);
                    enqueued.increment();
                    if (outcome == SubmitOutcome.COALESCED) {
                        coalesced.increment();
                    }
                    if (slot.phase == Slot.Phase.IDLE && slot.dueNanos <= now) {
                        slot.phase = Slot.Phase.QUEUED;
                        dispatch = true;
                    }
                }
            } finally {
                slot.lock.unlock();
            }
            if (dispatch) {
                execute(key, slot);
            }
            if (outcome == SubmitOutcome.REJECTED) {
                checkDone();
            }
            return outcome;
        }
    }

    /** Applies a submission to a locked slot; arms a timer when the slot waits for its due time. */
    private SubmitOutcome offer(K key, Slot<P> slot, P payload, long now) {
        if (slot.pending == null) {
            slot.pending = payload;
            pending.incrementAndGet();
            slot.attempt = 1;
            slot.backoffNanos = 0;
            slot.firstNanos = now;
            slot.dueNanos = now + debounceNanos;
            if (slot.phase == Slot.Phase.IDLE) {
                if (slot.dueNanos > now) {
                    arm(key, slot, now);
                }
                return SubmitOutcome.SCHEDULED;
            }
            return slot.phase == Slot.Phase.RUNNING ? SubmitOutcome.FOLLOW_UP : SubmitOutcome.COALESCED;
        }
        slot.pending = payload;
        if (slot.attempt > 1) {
            // A newer payload replaces a retry: it is a new burst with fresh attempts.
            slot.attempt = 1;
            slot.backoffNanos = 0;
            slot.firstNanos = now;
            slot.dueNanos = now + debounceNanos;
        } else {
            slot.dueNanos = Math.min(now + debounceNanos, slot.firstNanos + maxWaitNanos);
        }
        if (slot.phase == Slot.Phase.IDLE && slot.dueNanos > now) {
            arm(key, slot, now);
        }
        return SubmitOutcome.COALESCED;
    }

    /** Makes sure a timer fires no later than the slot's due time. Called with the slot locked. */
    private void arm(K key, Slot<P> slot, long now) {
        long due = slot.dueNanos;
        if (slot.armedNanos <= due) {
            return;
        }
        slot.armedNanos = due;
        scheduler.schedule(() -> onTimer(key, slot, due), Math.max(0, due - now));
    }

    private void onTimer(K key, Slot<P> slot, long deadline) {
        boolean dispatch = false;
        slot.lock.lock();
        try {
            if (slot.removed) {
                return;
            }
            if (slot.armedNanos == deadline) {
                slot.armedNanos = Slot.NONE;
            }
            if (slot.phase != Slot.Phase.IDLE || slot.pending == null) {
                return;
            }
            long now = ticker.nanoTime();
            if (slot.dueNanos <= now) {
                slot.phase = Slot.Phase.QUEUED;
                dispatch = true;
            } else {
                arm(key, slot, now);
            }
        } finally {
            slot.lock.unlock();
        }
        if (dispatch) {
            execute(key, slot);
        }
    }

    private void execute(K key, Slot<P> slot) {
        try {
            runner.execute(() -> run(key, slot));
        } catch (RejectedExecutionException e) {
            LOG.warn("coalescing queue '{}': executor refused the run of key {}: {}", name, key, e.toString());
            failed.increment();
            slot.lock.lock();
            try {
                slot.phase = Slot.Phase.IDLE;
                P payload = slot.pending;
                if (payload != null) {
                    slot.pending = null;
                    pending.decrementAndGet();
                    settleFailure(key, slot, payload, slot.attempt, slot.backoffNanos, ticker.nanoTime());
                }
                settle(key, slot, ticker.nanoTime(), false);
            } finally {
                slot.lock.unlock();
            }
            checkDone();
        }
    }

    private void run(K key, Slot<P> slot) {
        P payload;
        int attempt = 1;
        long backoffNanos = 0;
        slot.lock.lock();
        try {
            payload = slot.pending;
            if (slot.removed || payload == null) {
                // Dropped by a shutdown while queued.
                slot.phase = Slot.Phase.IDLE;
                if (!slot.removed) {
                    remove(key, slot);
                }
                payload = null;
            } else {
                slot.pending = null;
                pending.decrementAndGet();
                attempt = slot.attempt;
                backoffNanos = slot.backoffNanos;
                slot.attempt = 1;
                slot.backoffNanos = 0;
                slot.phase = Slot.Phase.RUNNING;
                running.incrementAndGet();
            }
        } finally {
            slot.lock.unlock();
        }
        if (payload == null) {
            checkDone();
            return;
        }
        started.increment();
        boolean succeeded = false;
        @Nullable Throwable failure = null;
        try {
            runSteps(key, payload);
            succeeded = true;
        } catch (Exception e) {
            failure = e;
        } finally {
            finish(key, slot, payload, attempt, backoffNanos, succeeded, failure);
        }
    }

    private void runSteps(K key, P payload) throws Exception {
        SkipCache<K, R> cache = skipCache;
        R result;
        if (cache == null) {
            result = compute.compute(key, payload);
        } else {
            Object sig = Objects.requireNonNull(signature.apply(payload), "payload signature");
            SkipCache.Hit<R> hit = cache.get(key, sig, ticker.nanoTime());
            if (hit != null) {
                skipped.increment();
                result = hit.result();
            } else {
                result = compute.compute(key, payload);
                cache.put(key, sig, result, ticker.nanoTime());
            }
        }
        after.after(key, payload, result);
    }

    private void finish(
            K key,
            Slot<P> slot,
            P payload,
            int attempt,
            long backoffNanos,
            boolean succeeded,
            @Nullable Throwable failure) {
        running.decrementAndGet();
        long now = ticker.nanoTime();
        boolean dispatch;
        slot.lock.lock();
        try {
            slot.phase = Slot.Phase.IDLE;
            if (succeeded) {
                completed.increment();
            } else {
                failed.increment();
                if (slot.pending != null) {
                    LOG.warn(
                            "coalescing queue '{}': run of key {} failed (attempt {}); a newer payload replaces its retry",
                            name,
                            key,
                            attempt,
                            failure);
                } else {
                    settleFailure(key, slot, payload, attempt, backoffNanos, now, failure);
                }
            }
            dispatch = settle(key, slot, now, true);
        } finally {
            slot.lock.unlock();
        }
        if (dispatch) {
            execute(key, slot);
        }
        checkDone();
    }

    private void settleFailure(K key, Slot<P> slot, P payload, int attempt, long backoffNanos, long now) {
        settleFailure(key, slot, payload, attempt, backoffNanos, now, null);
    }

    /** Schedules a retry of a failed payload, or gives it up. Called with the slot locked and nothing pending. */
    private void settleFailure(
            K key, Slot<P> slot, P payload, int attempt, long backoffNanos, long now, @Nullable Throwable failure) {
        Shutdown stopping = shutdown.get();
        if (stopping == null && attempt < config.maxAttempts()) {
            long delay = backoff.delayNanos(attempt, backoffNanos);
            slot.pending = payload;
            pending.incrementAndGet();
            slot.attempt = attempt + 1;
            slot.backoffNanos = delay;
            slot.firstNanos = now;
            slot.dueNanos = now + delay;
            retried.increment();
            LOG.warn(
                    "coalescing queue '{}': run of key {} failed (attempt {} of {}); retrying in {}",
                    name,
                    key,
                    attempt,
                    config.maxAttempts(),
                    Duration.ofNanos(delay),
                    failure);
        } else if (stopping != null) {
            stopping.notRun.put(key, payload);
            LOG.warn(
                    "coalescing queue '{}': run of key {} failed during shutdown (attempt {}); not retried",
                    name,
                    key,
                    attempt,
                    failure);
        } else {
            abandoned.increment();
            LOG.error(
                    "coalescing queue '{}': run of key {} failed {} times; giving its payload up",
                    name,
                    key,
                    attempt,
                    failure);
        }
    }

    /**
     * Decides what an idle slot does next: dispatch, wait for a timer, or leave the map. Applies a
     * shutdown in progress. Called with the slot locked.
     *
     * @return whether the caller must dispatch the slot after unlocking
     */
    private boolean settle(K key, Slot<P> slot, long now, boolean mayDispatch) {
        Shutdown stopping = shutdown.get();
        P next = slot.pending;
        if (next != null && stopping != null) {
            if (stopping.policy == ShutdownPolicy.RUN_PENDING && !stopping.expired) {
                slot.dueNanos = now;
            } else {
                stopping.notRun.put(key, next);
                slot.pending = null;
                pending.decrementAndGet();
            }
        }
        if (slot.pending == null) {
            remove(key, slot);
            return false;
        }
        if (mayDispatch && slot.dueNanos <= now) {
            slot.phase = Slot.Phase.QUEUED;
            return true;
        }
        arm(key, slot, now);
        return false;
    }

    private void remove(K key, Slot<P> slot) {
        slot.removed = true;
        slots.remove(key, slot);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CoalescingStats stats() {
        return new CoalescingStats(
                enqueued.sum(),
                coalesced.sum(),
                started.sum(),
                completed.sum(),
                failed.sum(),
                retried.sum(),
                abandoned.sum(),
                skipped.sum(),
                rejected.sum(),
                pending.get(),
                running.get());
    }

    /**
     * Logs a health line through SLF4J, at INFO: where the builder's queues send it.
     *
     * @param line the line
     */
    public static void logHealth(String line) {
        LOG.info("{}", line);
    }

    String healthLine() {
        return "coalescing queue '" + name + "': " + stats();
    }

    @Override
    public CompletableFuture<ShutdownReport<K, P>> shutdownAsync(ShutdownPolicy policy, Duration timeout) {
        Objects.requireNonNull(policy, "policy");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        Shutdown stopping = new Shutdown(policy);
        if (!shutdown.compareAndSet(null, stopping)) {
            return Objects.requireNonNull(shutdown.get()).future;
        }
        cancelTimers();
        long now = ticker.nanoTime();
        List<Map.Entry<K, Slot<P>>> toDispatch = new ArrayList<>();
        for (Map.Entry<K, Slot<P>> entry : slots.entrySet()) {
            Slot<P> slot = entry.getValue();
            slot.lock.lock();
            try {
                if (slot.removed || slot.pending == null) {
                    continue;
                }
                if (policy == ShutdownPolicy.DROP_PENDING) {
                    stopping.notRun.put(entry.getKey(), Objects.requireNonNull(slot.pending));
                    slot.pending = null;
                    pending.decrementAndGet();
                    if (slot.phase == Slot.Phase.IDLE) {
                        remove(entry.getKey(), slot);
                    }
                } else {
                    slot.dueNanos = now;
                    if (slot.phase == Slot.Phase.IDLE) {
                        slot.phase = Slot.Phase.QUEUED;
                        toDispatch.add(entry);
                    }
                }
            } finally {
                slot.lock.unlock();
            }
        }
        for (Map.Entry<K, Slot<P>> entry : toDispatch) {
            execute(entry.getKey(), entry.getValue());
        }
        stopping.timeout = scheduler.schedule(() -> expire(stopping), timeout.toNanos());
        checkDone();
        return stopping.future;
    }

    private void expire(Shutdown stopping) {
        stopping.expired = true;
        Set<K> stillRunning = new HashSet<>();
        for (Map.Entry<K, Slot<P>> entry : slots.entrySet()) {
            Slot<P> slot = entry.getValue();
            slot.lock.lock();
            try {
                if (slot.removed) {
                    continue;
                }
                P next = slot.pending;
                if (next != null) {
                    stopping.notRun.put(entry.getKey(), next);
                    slot.pending = null;
                    pending.decrementAndGet();
                }
                if (slot.phase == Slot.Phase.RUNNING) {
                    stillRunning.add(entry.getKey());
                } else if (slot.phase == Slot.Phase.IDLE) {
                    remove(entry.getKey(), slot);
                }
            } finally {
                slot.lock.unlock();
            }
        }
        complete(stopping, stillRunning);
    }

    private void checkDone() {
        Shutdown stopping = shutdown.get();
        if (stopping != null && !stopping.future.isDone() && slots.isEmpty()) {
            Scheduler.Cancellable timeout = stopping.timeout;
            if (timeout != null) {
                timeout.cancel();
            }
            complete(stopping, Set.of());
        }
    }

    private void complete(Shutdown stopping, Set<K> stillRunning) {
        ShutdownReport<K, P> report = new ShutdownReport<>(new HashMap<>(stopping.notRun), stillRunning);
        if (!stopping.future.complete(report)) {
            return;
        }
        if (report.complete()) {
            LOG.debug("coalescing queue '{}' shut down; everything ran", name);
        } else {
            LOG.warn(
                    "coalescing queue '{}' shut down; not run: {} key(s) {}, still running: {} key(s) {}",
                    name,
                    report.notRun().size(),
                    firstKeys(report.notRun().keySet()),
                    report.stillRunning().size(),
                    firstKeys(report.stillRunning()));
        }
    }

    /** At most {@value #LOGGED_KEYS} keys for a log line; the report returned holds them all. */
    static String firstKeys(Collection<?> keys) {
        StringJoiner joined = new StringJoiner(", ", "[", "]");
        int listed = 0;
        for (Object key : keys) {
            if (listed == LOGGED_KEYS) {
                joined.add("... " + (keys.size() - LOGGED_KEYS) + " more");
                break;
            }
            joined.add(String.valueOf(key));
            listed++;
        }
        return joined.toString();
    }

    @Override
    public void close() {
        shutdown(ShutdownPolicy.RUN_PENDING, config.shutdownTimeout());
    }

    private void scheduleRepeating(long periodNanos, Runnable task) {
        AtomicReference<Scheduler.@Nullable Cancellable> current = new AtomicReference<>();
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            if (shutdown.get() != null) {
                return;
            }
            task.run();
            current.set(scheduler.schedule(self[0], periodNanos));
        };
        current.set(scheduler.schedule(self[0], periodNanos));
        timers.add(current);
    }

    private void cancelTimers() {
        for (AtomicReference<Scheduler.@Nullable Cancellable> timer : timers) {
            Scheduler.Cancellable cancellable = timer.get();
            if (cancellable != null) {
                cancellable.cancel();
            }
        }
    }

    @Override
    public String toString() {
        return "CoalescingQueue{" + name + ", " + stats() + '}';
    }

    private final class Shutdown {
        final ShutdownPolicy policy;
        final CompletableFuture<ShutdownReport<K, P>> future = new CompletableFuture<>();
        final ConcurrentHashMap<K, P> notRun = new ConcurrentHashMap<>();
        volatile boolean expired;
        volatile Scheduler.@Nullable Cancellable timeout;

        Shutdown(ShutdownPolicy policy) {
            this.policy = policy;
        }
    }
}
