package dev.headroom.ratelimit.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The states of one limit, by key, bounded two ways. A state that reads like a new key's (a full
 * bucket, a finished window) is <em>idle</em> and may be dropped without changing any future
 * decision; every insertion sweeps a few entries for idle ones, so the table shrinks as fast as new
 * keys arrive, with no thread of its own. And the table never holds more than {@code maxKeys}: at
 * the cap an insertion sweeps everything (at most once a second, so a flood of new keys cannot make
 * every request pay for a full sweep), and if no key was idle the new key is refused.
 *
 * <p>A state is dropped by compare-and-setting it to {@link LocalAlgorithm#RETIRED} first; a
 * decider that reads {@code RETIRED} looks the key up again, so no update is lost to a removal.
 */
final class StateTable {

    private static final int SWEEP_PER_INSERT = 4;

    /**
     * The least time between two full sweeps at the cap, so that a flood of new keys against a full
     * table of busy keys costs one sweep per interval, not one per request.
     */
    static final long FULL_SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, StateCell> cells = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final int maxKeys;
    private final LongAdder rejected;
    private volatile LocalAlgorithm algorithm;
    private @Nullable Iterator<Map.Entry<String, StateCell>> cursor;
    private volatile long nextFullSweep = Long.MIN_VALUE;

    StateTable(LocalAlgorithm algorithm, int maxKeys, LongAdder rejected) {
        this.algorithm = algorithm;
        this.maxKeys = maxKeys;
        this.rejected = rejected;
    }

    LocalAlgorithm algorithm() {
        return algorithm;
    }

    void algorithm(LocalAlgorithm replacement) {
        this.algorithm = replacement;
    }

    int size() {
        return cells.size();
    }

    /** The key's cell, created with the algorithm's initial state; null if the table is full. */
    @Nullable
    StateCell cell(String key, long now) {
        StateCell cell = cells.get(key);
        return cell != null ? cell : insert(key, now);
    }

    /** The key's cell if it has one: the hot path, which reads no clock. */
    @Nullable
    StateCell existing(String key) {
        return cells.get(key);
    }

    /** After reading RETIRED from {@code stale}: the key's current cell, or a new one. */
    @Nullable
    StateCell replace(String key, StateCell stale, long now) {
        cells.remove(key, stale);
        return cell(key, now);
    }

    private @Nullable StateCell insert(String key, long now) {
        if (cells.size() >= maxKeys) {
            long due = nextFullSweep;
            if (now - due >= 0 || due == Long.MIN_VALUE) {
                nextFullSweep = now + FULL_SWEEP_INTERVAL_NANOS;
                sweep(now, true);
            }
            if (cells.size() >= maxKeys) {
                rejected.increment();
                return null;
            }
        } else {
            sweep(now, false);
        }
        StateCell created = new StateCell(algorithm.initial(now));
        StateCell raced = cells.putIfAbsent(key, created);
        return raced != null ? raced : created;
    }

    /** Drops idle states: all of them if {@code full}, else among the next few entries. One sweeper at a time. */
    void sweep(long now, boolean full) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            LocalAlgorithm current = algorithm;
            if (full) {
                for (Map.Entry<String, StateCell> entry : cells.entrySet()) {
                    retireIfIdle(current, entry, now);
                }
                return;
            }
            Iterator<Map.Entry<String, StateCell>> it = cursor;
            for (int i = 0; i < SWEEP_PER_INSERT; i++) {
                if (it == null || !it.hasNext()) {
                    it = cells.entrySet().iterator();
                    if (!it.hasNext()) {
                        break;
                    }
                }
                retireIfIdle(current, it.next(), now);
            }
            cursor = it;
        } finally {
            sweeping.set(false);
        }
    }

    private void retireIfIdle(LocalAlgorithm current, Map.Entry<String, StateCell> entry, long now) {
        StateCell cell = entry.getValue();
        long state = cell.get();
        if (state != LocalAlgorithm.RETIRED
                && current.isIdle(state, now)
                && cell.compareAndSet(state, LocalAlgorithm.RETIRED)) {
            cells.remove(entry.getKey(), cell);
        }
    }
}
