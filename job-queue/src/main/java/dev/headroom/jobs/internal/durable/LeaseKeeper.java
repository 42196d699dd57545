package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobQueueException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the leases of a worker's jobs alive: of the running ones and of those whose completion
 * waits for a turn. {@link #renew()} extends them all in one store call; a job whose lease is found
 * lost is told so ({@link ActiveJob#leaseLost()}).
 */
final class LeaseKeeper {

    private final GuardedStore store;
    private final OutcomeLog log;
    /** Held jobs by id. */
    private final Map<String, ActiveJob<?>> held = new ConcurrentHashMap<>();

    LeaseKeeper(GuardedStore store, OutcomeLog log) {
        this.store = store;
        this.log = log;
    }

    void hold(ActiveJob<?> job) {
        held.put(job.id(), job);
    }

    /** The job's outcome is recorded, or will never be: its lease needs no renewal. */
    void release(ActiveJob<?> job) {
        held.remove(job.id(), job);
    }

    /** Extends every held lease by the visibility timeout. */
    void renew() {
        if (held.isEmpty()) {
            return;
        }
        Map<String, String> tokens = new HashMap<>();
        held.values().forEach(job -> tokens.put(job.id(), job.token()));
        Set<String> lost;
        try {
            lost = store.extend(tokens);
        } catch (JobQueueException e) {
            log.storeFailure("cannot renew leases", e);
            return;
        }
        for (String id : lost) {
            ActiveJob<?> job = held.get(id);
            if (job != null) {
                job.markLeaseLost();
            }
        }
    }
}
