package dev.headroom.jobs.internal.coalescing;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One key's state. Every field is guarded by {@link #lock}. A slot leaves the map when it has
 * nothing pending and nothing running; {@link #removed} tells late timers and submitters that held
 * a reference to look again.
 */
final class Slot<P> {

    static final long NONE = Long.MAX_VALUE;

    enum Phase {
        /** Waiting for its due time, or holding nothing. */
        IDLE,
        /** Handed to the executor; the payload is taken when the run starts, so it still coalesces. */
        QUEUED,
        /** A run is in progress; a pending payload is its follow-up. */
        RUNNING
    }

    final ReentrantLock lock = new ReentrantLock();

    @Nullable
    P pending;

    long firstNanos;
    long dueNanos;
    /** The attempt number the pending payload will run as: above 1 for a retry. */
    int attempt = 1;
    /** The delay before the pending retry, for the next delay of the sequence. */
    long backoffNanos;

    Phase phase = Phase.IDLE;
    /** The earliest deadline of a timer scheduled for this slot and not yet fired, or {@link #NONE}. */
    long armedNanos = NONE;

    boolean removed;
}
