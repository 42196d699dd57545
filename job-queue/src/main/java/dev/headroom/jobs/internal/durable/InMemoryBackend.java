package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Ticker;
import dev.headroom.jobs.AddOutcome;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobState;
import dev.headroom.jobs.QueueCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One queue's state machine held in memory, for users' unit tests: the same transitions as the
 * Redis scripts, each under the queue's lock, with time from a {@link Ticker} (monotonic for
 * deadlines, wall clock for the timestamps reported).
 */
final class InMemoryBackend implements Backend {

    private static final long NONE = Long.MIN_VALUE;

    private final Ticker ticker;
    private final long leaseMs;
    private final int maxStalls;
    private final long deadCount;
    private final long deadAgeMs;
    private final MemQueue q = new MemQueue();

    InMemoryBackend(JobQueueConfig config, Ticker ticker) {
        this.ticker = ticker;
        this.leaseMs = config.visibilityTimeout().toMillis();
        this.maxStalls = config.maxStalls();
        this.deadCount = config.deadLetterRetention().maxCount();
        this.deadAgeMs = config.deadLetterRetention().maxAge().toMillis();
    }

    private static final class MemJob {
        final String id;
        byte[] data;
        int priority;
        int maxAttempts;
        String backoff;
        long keepCompletedCount;
        long keepCompletedAgeMs;
        long keepFailedCount;
        long keepFailedAgeMs;
        int attempts;
        int stalls;
        int progress;
        JobState state = JobState.WAITING;

        @Nullable
        String token;

        byte @Nullable [] result;

        @Nullable
        String error;

        long createdWallMs;
        long finishedWallMs;
        long finishedMs;
        long retainMs;
        long order;
        long dueMs;

        @Nullable
        String debounceKey;

        long debounceWindowMs;
        long debounceMaxWaitMs;
        long debounceFirstMs;
        byte @Nullable [] followUp;
        long followUpFirstMs = NONE;
        long followUpLastMs;

        MemJob(String id, byte[] data, String backoff) {
            this.id = id;
            this.data = data;
            this.backoff = backoff;
        }
    }

    private static final class MemQueue {
        final ReentrantLock lock = new ReentrantLock();
        final Map<String, MemJob> jobs = new HashMap<>();
        long seq;
        final TreeSet<MemJob> waiting = new TreeSet<>(Comparator.<MemJob>comparingInt(j -> -j.priority)
                .thenComparingLong(j -> j.order)
                .thenComparing(j -> j.id));
        final TreeSet<MemJob> delayed =
                new TreeSet<>(Comparator.<MemJob>comparingLong(j -> j.dueMs).thenComparing(j -> j.id));
        final TreeSet<MemJob> active =
                new TreeSet<>(Comparator.<MemJob>comparingLong(j -> j.dueMs).thenComparing(j -> j.id));
        /** Finished jobs by state, each in the order they finished. */
        final Map<String, MemJob> completed = new LinkedHashMap<>();

        final Map<String, MemJob> failed = new LinkedHashMap<>();
        final Map<String, MemJob> dead = new LinkedHashMap<>();

        Map<String, MemJob> finished(JobState state) {
            return switch (state) {
                case COMPLETED -> completed;
                case FAILED -> failed;
                default -> dead;
            };
        }

        final Map<String, String> debounce = new HashMap<>();
        final List<Runnable> wakers = new CopyOnWriteArrayList<>();
    }

    private long nowMs() {
        return Math.floorDiv(ticker.nanoTime(), 1_000_000L);
    }

    @Override
    public List<AddResult> add(List<NewJob> jobs) {
        List<AddResult> results = new ArrayList<>(jobs.size());
        boolean wake;
        q.lock.lock();
        try {
            long now = nowMs();
            boolean wasEmpty = q.waiting.isEmpty();
            boolean added = false;
            for (NewJob job : jobs) {
                String key = job.debounceKey();
                if (key != null) {
                    String current = q.debounce.get(key);
                    MemJob existing = current == null ? null : q.jobs.get(current);
                    if (existing != null
                            && (existing.state == JobState.WAITING || existing.state == JobState.DELAYED)) {
                        existing.data = job.payload();
                        existing.debounceWindowMs = job.debounceWindowMs();
                        if (existing.state == JobState.DELAYED) {
                            q.delayed.remove(existing);
                            existing.dueMs = Math.min(
                                    now + job.debounceWindowMs(),
                                    existing.debounceFirstMs + existing.debounceMaxWaitMs);
                            q.delayed.add(existing);
                        }
                        results.add(new AddResult(existing.id, AddOutcome.REPLACED));
                        continue;
                    }
                    if (existing != null && existing.state == JobState.ACTIVE) {
                        existing.followUp = job.payload();
                        existing.followUpLastMs = now;
                        existing.debounceWindowMs = job.debounceWindowMs();
                        if (existing.followUpFirstMs == NONE) {
                            existing.followUpFirstMs = now;
                        }
                        results.add(new AddResult(existing.id, AddOutcome.FOLLOW_UP));
                        continue;
                    }
                    String id = Long.toString(++q.seq);
                    create(q, id, job, now);
                    q.debounce.put(key, id);
                    results.add(new AddResult(id, AddOutcome.ADDED));
                    added = true;
                    continue;
                }
                String id = job.jobId() == null ? Long.toString(++q.seq) : job.jobId();
                if (q.jobs.containsKey(id)) {
                    results.add(new AddResult(id, AddOutcome.DUPLICATE));
                } else {
                    create(q, id, job, now);
                    results.add(new AddResult(id, AddOutcome.ADDED));
                    added = true;
                }
            }
            wake = wasEmpty && added;
        } finally {
            q.lock.unlock();
        }
        if (wake) {
            q.wakers.forEach(Runnable::run);
        }
        return results;
    }

    private void create(MemQueue q, String id, NewJob job, long now) {
        MemJob created = new MemJob(id, job.payload(), job.backoff());
        created.priority = job.priority();
        created.maxAttempts = job.maxAttempts();
        created.keepCompletedCount = job.keepCompletedCount();
        created.keepCompletedAgeMs = job.keepCompletedAgeMs();
        created.keepFailedCount = job.keepFailedCount();
        created.keepFailedAgeMs = job.keepFailedAgeMs();
        created.createdWallMs = ticker.wallMillis();
        long delay = job.delayMs();
        if (job.debounceKey() != null) {
            created.debounceKey = job.debounceKey();
            created.debounceWindowMs = job.debounceWindowMs();
            created.debounceMaxWaitMs = job.debounceMaxWaitMs();
            created.debounceFirstMs = now;
            delay = job.debounceWindowMs();
        }
        q.jobs.put(id, created);
        if (delay > 0) {
            toDelayed(q, created, now + delay);
        } else {
            toWaiting(q, created);
        }
    }

    private static void toWaiting(MemQueue q, MemJob job) {
        job.state = JobState.WAITING;
        job.order = ++q.seq;
        q.waiting.add(job);
    }

    private static void toDelayed(MemQueue q, MemJob job, long dueMs) {
        job.state = JobState.DELAYED;
        job.dueMs = dueMs;
        q.delayed.add(job);
    }

    private void finish(MemQueue q, MemJob job, JobState state, long now, long count, long ageMs) {
        q.active.remove(job);
        job.state = state;
        job.token = null;
        job.finishedMs = now;
        job.retainMs = ageMs;
        job.finishedWallMs = ticker.wallMillis();
        if (count <= 0) {
            q.jobs.remove(job.id);
            return;
        }
        Map<String, MemJob> set = q.finished(state);
        set.put(job.id, job);
        trim(q, set, count, ageMs, now);
    }

    private static void trim(MemQueue q, Map<String, MemJob> set, long count, long ageMs, long now) {
        Iterator<MemJob> oldestFirst = set.values().iterator();
        while (oldestFirst.hasNext()) {
            MemJob job = oldestFirst.next();
            if (set.size() > count || now - job.finishedMs >= ageMs) {
                oldestFirst.remove();
                q.jobs.remove(job.id);
            } else {
                break;
            }
        }
    }

    /** Removes finished jobs past the age they were kept for, as their TTL does on Redis. */
    private static void expireFinished(MemQueue q, long now) {
        for (Map<String, MemJob> set : List.of(q.completed, q.failed, q.dead)) {
            set.values().removeIf(job -> {
                boolean expired = now - job.finishedMs >= job.retainMs;
                if (expired) {
                    q.jobs.remove(job.id);
                }
                return expired;
            });
        }
    }

    private void releaseDebounce(MemQueue q, MemJob job, long now) {
        String key = job.debounceKey;
        if (key == null) {
            return;
        }
        byte[] followUp = job.followUp;
        if (followUp != null) {
            String id = Long.toString(++q.seq);
            MemJob next = new MemJob(id, followUp, job.backoff);
            next.priority = job.priority;
            next.maxAttempts = job.maxAttempts;
            next.keepCompletedCount = job.keepCompletedCount;
            next.keepCompletedAgeMs = job.keepCompletedAgeMs;
            next.keepFailedCount = job.keepFailedCount;
            next.keepFailedAgeMs = job.keepFailedAgeMs;
            next.createdWallMs = ticker.wallMillis();
            next.debounceKey = key;
            next.debounceWindowMs = job.debounceWindowMs;
            next.debounceMaxWaitMs = job.debounceMaxWaitMs;
            next.debounceFirstMs = job.followUpFirstMs;
            long due = Math.min(job.followUpLastMs + job.debounceWindowMs, job.followUpFirstMs + job.debounceMaxWaitMs);
            clearFollowUp(job);
            q.jobs.put(id, next);
            q.debounce.put(key, id);
            if (due <= now) {
                toWaiting(q, next);
            } else {
                toDelayed(q, next, due);
            }
        } else if (job.id.equals(q.debounce.get(key))) {
            q.debounce.remove(key);
        }
    }

    private static void clearFollowUp(MemJob job) {
        job.followUp = null;
        job.followUpFirstMs = NONE;
        job.followUpLastMs = 0;
    }

    private static void absorbFollowUp(MemJob job) {
        byte[] followUp = job.followUp;
        if (followUp != null) {
            job.data = followUp;
            job.attempts = 0;
            clearFollowUp(job);
        }
    }

    private static void promote(MemQueue q, long now) {
        while (!q.delayed.isEmpty() && q.delayed.first().dueMs <= now) {
            toWaiting(q, Objects.requireNonNull(q.delayed.pollFirst()));
        }
    }

    private void reclaim(MemQueue q, long now, int maxStalls) {
        while (!q.active.isEmpty() && q.active.first().dueMs <= now) {
            MemJob job = Objects.requireNonNull(q.active.pollFirst());
            job.stalls++;
            job.token = null;
            if (job.stalls > maxStalls) {
                job.error = "stalled " + job.stalls + " times: its worker died or hung past the visibility timeout";
                releaseDebounce(q, job, now);
                finish(q, job, JobState.FAILED, now, job.keepFailedCount, job.keepFailedAgeMs);
            } else {
                absorbFollowUp(job);
                toWaiting(q, job);
            }
        }
    }

    private static void take(MemQueue q, String token, long leaseMs, int max, long now, List<LeasedJob> out) {
        for (int i = 0; i < max && !q.waiting.isEmpty(); i++) {
            MemJob job = Objects.requireNonNull(q.waiting.pollFirst());
            job.state = JobState.ACTIVE;
            job.token = token;
            job.dueMs = now + leaseMs;
            q.active.add(job);
            out.add(new LeasedJob(job.id, token, job.data, job.attempts, job.maxAttempts, job.backoff));
        }
    }

    private static long hint(MemQueue q, long now) {
        long hint = -1;
        if (!q.delayed.isEmpty()) {
            hint = Math.max(0, q.delayed.first().dueMs - now);
        }
        if (!q.active.isEmpty()) {
            long lease = Math.max(0, q.active.first().dueMs - now);
            hint = hint < 0 ? lease : Math.min(hint, lease);
        }
        return hint;
    }

    @Override
    public CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
        q.lock.lock();
        try {
            long now = nowMs();
            List<String> lost = new ArrayList<>();
            for (Finished done : finished) {
                MemJob job = q.jobs.get(done.id());
                if (job != null && job.state == JobState.ACTIVE && done.token().equals(job.token)) {
                    byte[] result = done.result();
                    if (result != null) {
                        job.result = result;
                    }
                    releaseDebounce(q, job, now);
                    finish(q, job, JobState.COMPLETED, now, job.keepCompletedCount, job.keepCompletedAgeMs);
                } else {
                    lost.add(done.id());
                }
            }
            List<LeasedJob> next = new ArrayList<>();
            long hint = -1;
            boolean more = false;
            if (leaseMax > 0 || finished.isEmpty()) {
                promote(q, now);
                reclaim(q, now, maxStalls);
                expireFinished(q, now);
                take(q, token, leaseMs, leaseMax, now, next);
                hint = hint(q, now);
                more = leaseMax > 0 && next.size() == leaseMax && !q.waiting.isEmpty();
            }
            return CompletableFuture.completedFuture(new Completion(lost, new LeaseBatch(next, hint, more)));
        } finally {
            q.lock.unlock();
        }
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public FailOutcome fail(String id, String token, String error, boolean permanent, long retryDelayMs) {
        q.lock.lock();
        try {
            long now = nowMs();
            MemJob job = q.jobs.get(id);
            if (job == null || job.state != JobState.ACTIVE || !token.equals(job.token)) {
                return FailOutcome.LEASE_LOST;
            }
            job.attempts++;
            job.error = error;
            if (permanent) {
                releaseDebounce(q, job, now);
                finish(q, job, JobState.FAILED, now, job.keepFailedCount, job.keepFailedAgeMs);
                return FailOutcome.FAILED;
            }
            if (job.attempts >= job.maxAttempts) {
                releaseDebounce(q, job, now);
                finish(q, job, JobState.DEAD, now, deadCount, deadAgeMs);
                return FailOutcome.DEAD;
            }
            q.active.remove(job);
            job.token = null;
            absorbFollowUp(job);
            if (retryDelayMs > 0) {
                toDelayed(q, job, now + retryDelayMs);
            } else {
                toWaiting(q, job);
            }
            return FailOutcome.RETRYING;
        } finally {
            q.lock.unlock();
        }
    }

    @Override
    public Set<String> extend(Map<String, String> tokensById) {
        Set<String> lost = new LinkedHashSet<>();
        q.lock.lock();
        try {
            long now = nowMs();
            for (Map.Entry<String, String> lease : tokensById.entrySet()) {
                MemJob job = q.jobs.get(lease.getKey());
                if (job != null
                        && job.state == JobState.ACTIVE
                        && lease.getValue().equals(job.token)) {
                    q.active.remove(job);
                    job.dueMs = now + leaseMs;
                    q.active.add(job);
                } else {
                    lost.add(lease.getKey());
                }
            }
        } finally {
            q.lock.unlock();
        }
        return lost;
    }

    @Override
    public boolean progress(String id, String token, int percent) {
        q.lock.lock();
        try {
            MemJob job = q.jobs.get(id);
            if (job != null && job.state == JobState.ACTIVE && token.equals(job.token)) {
                job.progress = percent;
                return true;
            }
            return false;
        } finally {
            q.lock.unlock();
        }
    }

    @Override
    public Optional<StatusRecord> status(String id) {
        q.lock.lock();
        try {
            expireFinished(q, nowMs());
            MemJob job = q.jobs.get(id);
            if (job == null) {
                return Optional.empty();
            }
            return Optional.of(new StatusRecord(
                    job.state,
                    job.progress,
                    job.attempts,
                    job.maxAttempts,
                    job.stalls,
                    job.result,
                    job.error,
                    job.createdWallMs,
                    job.state.isFinished() ? job.finishedWallMs : 0));
        } finally {
            q.lock.unlock();
        }
    }

    @Override
    public QueueCounts counts() {
        q.lock.lock();
        try {
            expireFinished(q, nowMs());
            return new QueueCounts(
                    q.waiting.size(),
                    q.delayed.size(),
                    q.active.size(),
                    q.completed.size(),
                    q.failed.size(),
                    q.dead.size());
        } finally {
            q.lock.unlock();
        }
    }

    @Override
    public boolean redrive(String id) {
        boolean wake;
        q.lock.lock();
        try {
            MemJob job = q.jobs.get(id);
            if (job == null || job.state != JobState.DEAD) {
                return false;
            }
            wake = q.waiting.isEmpty();
            q.dead.remove(id);
            job.attempts = 0;
            job.stalls = 0;
            job.progress = 0;
            toWaiting(q, job);
        } finally {
            q.lock.unlock();
        }
        if (wake) {
            q.wakers.forEach(Runnable::run);
        }
        return true;
    }

    @Override
    public AutoCloseable subscribe(Runnable onWake) {
        q.wakers.add(onWake);
        return () -> q.wakers.remove(onWake);
    }

    @Override
    public void close() {}
}
