package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where the jobs of one queue live. Every method is one atomic state transition (one Lua script on
 * Redis, one lock hold in memory) and throws a {@link RuntimeException} when the store fails, except
 * {@link #complete}, which workers call without blocking and which fails its future instead. The
 * queue's lease length, stall limit and dead-letter retention are the store's from construction.
 */
interface Backend extends AutoCloseable {

    /** Adds jobs atomically. */
    List<AddResult> add(List<NewJob> jobs);

    /**
     * One worker turn as one transition: completes the {@code finished} jobs whose token still holds
     * the lease, then, if {@code leaseMax > 0} or nothing finished, promotes due delayed jobs,
     * reclaims expired leases and leases up to {@code leaseMax} waiting jobs to {@code token}. Never
     * throws; a store failure completes the future exceptionally.
     */
    CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax);

    /** Fails one attempt of a leased job, if {@code token} still holds its lease. */
    FailOutcome fail(String id, String token, String error, boolean permanent, long retryDelayMs);

    /** Renews leases; returns the ids whose lease was lost. */
    Set<String> extend(Map<String, String> tokensById);

    /** Records progress if the token holds the lease. */
    boolean progress(String id, String token, int percent);

    /** Reads a job. */
    Optional<StatusRecord> status(String id);

    /** Counts the queue's jobs by state. */
    QueueCounts counts();

    /** Moves a dead job back to waiting. */
    boolean redrive(String id);

    /**
     * Calls {@code onWake} whenever work may have arrived from any instance, from the time this
     * returns (where the store can announce work at all; workers also poll).
     *
     * @return closes the subscription
     */
    AutoCloseable subscribe(Runnable onWake);

    /**
     * Says whether each call is a round trip to a server, so that workers space their turns by
     * {@link dev.headroom.jobs.JobQueueConfig#minTurnInterval()} and batch what arrives meanwhile;
     * a store in memory answers at once and its workers never wait.
     */
    default boolean remote() {
        return true;
    }

    /** Says whether a failed call may have been applied (its reply was lost). */
    default boolean mayHaveApplied(RuntimeException failure) {
        return false;
    }

    @Override
    void close();
}
