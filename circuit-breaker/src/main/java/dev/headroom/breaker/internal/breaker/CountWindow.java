package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.StateTransition.Reason;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The last {@code size} calls, lock-free and allocation-free. A ring holds each call's {@link
 * Outcome}; one {@code long} holds the totals (calls, failures, slow calls) in three 21-bit fields,
 * so the totals always change together in one atomic add.
 *
 * <p>A call that replaces an equal outcome (the steady state of a healthy dependency) changes no
 * total and costs one contended increment: the cursor. Otherwise the slot is swapped and the
 * difference added to the totals, which keeps the totals equal to the ring's contents whatever
 * the interleaving. Two calls racing for the same slot (only when more than {@code size} calls
 * report at once) may briefly drive a total below zero; each field is stored with a bias of
 * {@code 2^19} so that this never borrows from its neighbour.
 */
final class CountWindow implements OutcomeWindow {

    private static final int FIELD_BITS = 21;
    private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;
    private static final long BIAS = 1L << 19;
    private static final long CALL = 1L;
    private static final long FAILURE = 1L << FIELD_BITS;
    private static final long SLOW = 1L << (2 * FIELD_BITS);
    private static final long BIASED_ZERO = BIAS * (CALL + FAILURE + SLOW);

    /** What each {@link Outcome} adds to the totals. */
    private static final long[] WEIGHT = {0, CALL, CALL + FAILURE, CALL + SLOW, CALL + FAILURE + SLOW};

    private final int size;
    private final BreakerSettings settings;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicIntegerArray ring;
    private final AtomicLong totals = new AtomicLong(BIASED_ZERO);

    CountWindow(int size, BreakerSettings settings) {
        this.size = size;
        this.settings = settings;
        this.ring = new AtomicIntegerArray(size);
    }

    @Override
    public @Nullable Reason record(int outcome) {
        int slot = (int) (cursor.getAndIncrement() % size);
        if (ring.get(slot) == outcome) {
            return null; // totals unchanged, so is the verdict
        }
        int replaced = ring.getAndSet(slot, outcome);
        if (replaced == outcome) {
            return null;
        }
        long packed = totals.addAndGet(WEIGHT[outcome] - WEIGHT[replaced]);
        return Verdict.ofWindow(settings, field(packed, 0), field(packed, 1), field(packed, 2));
    }

    @Override
    public long calls() {
        return field(totals.get(), 0);
    }

    @Override
    public long failures() {
        return field(totals.get(), 1);
    }

    @Override
    public long slowCalls() {
        return field(totals.get(), 2);
    }

    private static long field(long packed, int index) {
        return Math.max(0, ((packed >>> (index * FIELD_BITS)) & FIELD_MASK) - BIAS);
    }
}
