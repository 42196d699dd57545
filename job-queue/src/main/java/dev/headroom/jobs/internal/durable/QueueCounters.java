package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.AddOutcome;
import dev.headroom.jobs.JobQueueStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one queue instance and its workers did, counted as it happens; read as {@link JobQueueStats}
 * together with the store errors its {@link GuardedStore} counted.
 */
final class QueueCounters {

    private final LongAdder added = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder debounced = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dead = new LongAdder();
    private final LongAdder leasesLost = new LongAdder();

    void added(AddOutcome outcome) {
        switch (outcome) {
            case ADDED -> added.increment();
            case DUPLICATE -> duplicates.increment();
            case REPLACED, FOLLOW_UP -> debounced.increment();
        }
    }

    void completed() {
        completed.increment();
    }

    /** A failed attempt was recorded with this outcome. */
    void failed(FailOutcome outcome) {
        switch (outcome) {
            case RETRYING -> retried.increment();
            case FAILED -> failed.increment();
            case DEAD -> dead.increment();
            case LEASE_LOST -> leasesLost.increment();
        }
    }

    void leaseLost() {
        leasesLost.increment();
    }

    /** The counts now, with the store's errors as its guard counted them. */
    JobQueueStats snapshot(long storeErrors) {
        return new JobQueueStats(
                added.sum(),
                duplicates.sum(),
                debounced.sum(),
                completed.sum(),
                retried.sum(),
                failed.sum(),
                dead.sum(),
                leasesLost.sum(),
                storeErrors);
    }
}
