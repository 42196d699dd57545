package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Ticker;

/**
 * When a worker's next turn may start. Turns start at least the minimum interval apart (zero for a
 * store in memory), so that the requests that arrive meanwhile ride in one turn. A turn need not
 * wait once it would be full: the last turn leased every job it asked for and left more waiting,
 * and at least half the slots are free. Such a turn is a batch already, so the interval never caps
 * a worker at {@code concurrency} jobs per interval. Nor does a closing worker wait.
 */
final class TurnPacer {

    private final Ticker ticker;
    private final long minIntervalNanos;
    private final Slots slots;
    /** Free slots that make a turn worth starting before its interval is up, when jobs wait. */
    private final int fullTurnSlots;

    private volatile long lastStartNanos;
    /** The last turn leased every job it asked for and left more waiting. */
    private volatile boolean backlog;

    TurnPacer(Ticker ticker, long minIntervalNanos, Slots slots) {
        this.ticker = ticker;
        this.minIntervalNanos = minIntervalNanos;
        this.slots = slots;
        this.fullTurnSlots = (slots.concurrency() + 1) / 2;
        // As if the last turn began one interval ago: the first turn starts at once.
        this.lastStartNanos = ticker.nanoTime() - minIntervalNanos;
    }

    /** A turn starts now. */
    void started() {
        lastStartNanos = ticker.nanoTime();
    }

    /** What the last turn that leased said: whether jobs are left waiting. */
    void backlog(boolean jobsWaiting) {
        backlog = jobsWaiting;
    }

    /** Says whether the queue had jobs waiting after the last turn that leased. */
    boolean backlog() {
        return backlog;
    }

    /** How long the next turn must wait: what is left of the interval, or zero. */
    long waitNanos() {
        if (minIntervalNanos == 0 || slots.closed() || fullTurn()) {
            return 0;
        }
        long left = minIntervalNanos - (ticker.nanoTime() - lastStartNanos);
        return left > 0 ? left : 0;
    }

    private boolean fullTurn() {
        return backlog && slots.free() >= fullTurnSlots;
    }
}
