package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a queue's store directly, as a worker elsewhere would, for tests of the store's rules
 * (leases, tokens, stalls) that a well-behaved worker never breaks.
 */
public final class StoreProbe {

    private final Backend backend;

    private StoreProbe(Backend backend) {
        this.backend = backend;
    }

    /** The store of a queue built by {@link JobQueue#builder} or {@link TestQueues}. */
    public static StoreProbe of(JobQueue<?, ?> jobs) {
        return new StoreProbe(((DefaultJobQueue<?, ?>) jobs).backend());
    }

    /**
     * What one turn did.
     *
     * @param lost ids of the finished jobs whose lease was lost
     * @param leased ids of the jobs leased
     * @param moreWaiting it leased all it asked for and more jobs wait
     */
    public record Turn(List<String> lost, List<String> leased, boolean moreWaiting) {}

    /** Leases up to {@code max} jobs to {@code token}, as a worker's turn does; 0 only promotes and reclaims. */
    public Turn lease(String token, int max) {
        return complete(List.of(), token, max);
    }

    /**
     * One turn: completes each of {@code finished} (id, token pairs, no result), then leases up to
     * {@code leaseMax} jobs to {@code token}.
     */
    public Turn complete(List<Map.Entry<String, String>> finished, String token, int leaseMax) {
        List<Finished> done = finished.stream()
                .map(job -> new Finished(job.getKey(), job.getValue(), null))
                .toList();
        Completion completion = backend.complete(done, token, leaseMax).join();
        return new Turn(
                completion.lost(),
                completion.next().jobs().stream().map(LeasedJob::id).toList(),
                completion.next().moreWaiting());
    }

    /** Completes one job with no result and leases nothing; says whether the token held the lease. */
    public boolean completes(String id, String token) {
        return complete(List.of(Map.entry(id, token)), token, 0).lost().isEmpty();
    }

    /** Fails one attempt for good; says whether the token held the lease. */
    public boolean failsPermanently(String id, String token, String error) {
        return backend.fail(id, token, error, true, 0) != FailOutcome.LEASE_LOST;
    }

    /** Renews leases; returns the ids whose lease was lost. */
    public Set<String> extend(Map<String, String> tokensById) {
        return backend.extend(tokensById);
    }

    /** Records progress; says whether the token held the lease. */
    public boolean progress(String id, String token, int percent) {
        return backend.progress(id, token, percent);
    }

    /** Adds a job whose stored payload is {@code payload} as is, not an envelope; returns its id. */
    public String addRaw(byte[] payload) {
        return backend.add(List.of(NewJob.of(payload, JobOptions.ofDefaults())))
                .get(0)
                .jobId();
    }
}
