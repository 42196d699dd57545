package dev.headroom.jobs.internal.durable;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A worker's completions waiting for a turn to record them, oldest first. A job's completion is
 * added before its slot is freed, and its lease is renewed until a turn records it.
 */
final class CompletionBuffer {

    /** The most completions one turn records; more wait for the next turn, which follows at once. */
    static final int MAX_BATCH = 256;

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    /**
     * A completion not yet recorded.
     *
     * @param job the job
     * @param result its encoded result, or null for none
     * @param attempt how many turns have tried to record it, counting the next
     * @param firstFailureNanos when a turn first failed to record it; meaningless while attempt is 1
     */
    @SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
    record Pending(ActiveJob<?> job, byte @Nullable [] result, int attempt, long firstFailureNanos) {
        Finished finished() {
            return new Finished(job.id(), job.token(), result);
        }
    }

    void add(ActiveJob<?> job, byte @Nullable [] result) {
        pending.add(new Pending(job, result, 1, 0));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Takes up to {@link #MAX_BATCH} completions for a turn to record. */
    List<Pending> takeBatch() {
        Pending first = pending.poll();
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        Pending next;
        while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    /**
     * A turn failed to record {@code batch}: puts each completion back for a later turn, unless
     * turns have failed to record it for {@code giveUpNanos} (its lease has expired by then), in
     * which case it goes to {@code abandoned}.
     *
     * @return the most turns any completion put back has been tried in, or 1 if none was put back
     */
    int putBack(List<Pending> batch, long nowNanos, long giveUpNanos, Consumer<Pending> abandoned) {
        int attempt = 1;
        for (Pending done : batch) {
            long since = done.attempt() == 1 ? nowNanos : done.firstFailureNanos();
            if (nowNanos - since >= giveUpNanos) {
                abandoned.accept(done);
            } else {
                pending.add(new Pending(done.job(), done.result(), done.attempt() + 1, since));
                attempt = Math.max(attempt, done.attempt());
            }
        }
        return attempt;
    }
}
