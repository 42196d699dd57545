package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.Job;
import dev.headroom.jobs.JobQueueException;
import org.jspecify.annotations.Nullable;

/**
 * A leased job while a worker holds it: the handler's view of it, and the lease it holds until its
 * outcome is recorded.
 */
final class ActiveJob<P> implements Job<P> {

    private final LeasedJob leased;
    private final GuardedStore store;
    private volatile @Nullable P payload;
    private volatile boolean leaseLost;

    ActiveJob(LeasedJob leased, GuardedStore store) {
        this.leased = leased;
        this.store = store;
    }

    @Override
    public String id() {
        return leased.id();
    }

    /** The token that holds the lease. */
    String token() {
        return leased.token();
    }

    LeasedJob leased() {
        return leased;
    }

    @Override
    public String queue() {
        return store.queue();
    }

    /** The decoded payload, for the handler. */
    void payload(P decoded) {
        this.payload = decoded;
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
            boolean held = store.progress(leased.id(), leased.token(), percent);
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

    /** The store said another worker holds the lease now, or nobody does. */
    void markLeaseLost() {
        leaseLost = true;
    }

    @Override
    public String toString() {
        return "Job{" + store.queue() + '/' + leased.id() + ", attempt " + attempt() + '}';
    }
}
