package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where durable jobs live. Every method is one atomic state transition (one Lua script on Redis,
 * one lock hold in memory) and throws a {@link RuntimeException} when the store fails.
 */
public interface Backend extends AutoCloseable {

    /** Adds jobs atomically. */
    List<AddResult> add(String queue, List<NewJob> jobs);

    /** Promotes due delayed jobs, reclaims expired leases, then leases up to {@code max} jobs. */
    LeaseBatch lease(String queue, String token, long leaseMs, int max, int maxStalls);

    /** Completes a leased job and, if {@code leaseNext > 0}, leases up to that many more. */
    Completion complete(
            String queue,
            String id,
            String token,
            byte @org.jspecify.annotations.Nullable [] result,
            int leaseNext,
            long leaseMs,
            int maxStalls);

    /** Fails one attempt of a leased job. */
    FailOutcome fail(
            String queue,
            String id,
            String token,
            String error,
            boolean permanent,
            long retryDelayMs,
            long deadCount,
            long deadAgeMs);

    /** Renews leases; returns the ids whose lease was lost. */
    Set<String> extend(String queue, Map<String, String> tokensById, long leaseMs);

    /** Records progress if the token holds the lease. */
    boolean progress(String queue, String id, String token, int percent);

    /** Reads a job. */
    Optional<StatusRecord> status(String queue, String id);

    /** Counts a queue's jobs by state. */
    QueueCounts counts(String queue);

    /** Moves a dead job back to waiting. */
    boolean redrive(String queue, String id);

    /**
     * Calls {@code onWake} whenever work may have arrived in {@code queue} from any instance.
     *
     * @return closes the subscription
     */
    AutoCloseable subscribe(String queue, Runnable onWake);

    /** Says whether a failed call may have been applied (its reply was lost). */
    default boolean mayHaveApplied(RuntimeException failure) {
        return false;
    }

    @Override
    void close();
}
