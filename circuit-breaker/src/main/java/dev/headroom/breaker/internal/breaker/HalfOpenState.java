package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.breaker.StateTransition.Reason;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Admits a round of {@code halfOpenProbes} probes and judges them as a rate.
 *
 * <p>One {@code long}, {@link #tally}, holds four 16-bit counts that change atomically together:
 * probes admitted (out or judged), judged, failed and slow. A probe is admitted by a
 * compare-and-set that fails once {@code admitted == halfOpenProbes}, so no interleaving admits
 * more. A judged probe stays admitted (it used up its place in the round); a released one, or one
 * that ended in an ignored outcome, is subtracted so that another probe can take its place.
 *
 * <p>Unjudged probes sit in {@link #outstanding} with the time they were issued. When the round
 * is full, a permission request first expires probes older than {@code maxProbeDuration}: they
 * are judged failed and slow. A probe that never reports therefore cannot keep the breaker
 * HALF_OPEN.
 */
final class HalfOpenState extends BreakerState {

    private static final int FIELD_BITS = 16;
    private static final long FIELD_MASK = (1L << FIELD_BITS) - 1;
    private static final long ADMITTED = 1L;
    private static final long JUDGED = 1L << FIELD_BITS;
    private static final long FAILED = 1L << (2 * FIELD_BITS);
    private static final long SLOW = 1L << (3 * FIELD_BITS);

    private final int trip;
    private final long lastOpenNanos;
    private final int probes;
    private final AtomicLong tally = new AtomicLong();
    private final AtomicReferenceArray<@Nullable ProbePermit> outstanding;

    HalfOpenState(
            DefaultCircuitBreaker breaker, BreakerSettings settings, long sequence, int trip, long lastOpenNanos) {
        super(breaker, settings, sequence);
        this.trip = trip;
        this.lastOpenNanos = lastOpenNanos;
        this.probes = settings.halfOpenProbes;
        this.outstanding = new AtomicReferenceArray<>(probes);
    }

    @Override
    State kind() {
        return State.HALF_OPEN;
    }

    @Override
    BreakerPermit tryAcquire() {
        long now = breaker.ticker().nanoTime();
        for (; ; ) {
            long counts = tally.get();
            if (field(counts, 0) >= probes) {
                if (expireOverdue(now) && !breaker.isCurrent(this)) {
                    return breaker.tryAcquirePermit();
                }
                breaker.counters.rejected();
                return breaker.refusedWhileHalfOpen;
            }
            if (tally.compareAndSet(counts, counts + ADMITTED)) {
                return issue(now);
            }
        }
    }

    /**
     * Hands out a probe and files it. A free slot always exists: at most {@code probes - 1}
     * other admitted probes are unjudged, and a probe leaves its slot before it stops counting.
     */
    private ProbePermit issue(long now) {
        ProbePermit probe = new ProbePermit(this, now);
        for (int slot = 0; ; slot = (slot + 1) % probes) {
            if (outstanding.get(slot) == null) {
                probe.slot = slot;
                if (outstanding.compareAndSet(slot, null, probe)) {
                    return probe;
                }
            }
        }
    }

    private boolean expireOverdue(long now) {
        boolean expired = false;
        for (int slot = 0; slot < probes; slot++) {
            ProbePermit probe = outstanding.get(slot);
            if (probe != null && now - probe.issuedAt >= settings.maxProbeNanos) {
                expired |= probe.expire();
            }
        }
        return expired;
    }

    /** Records a probe's outcome and moves the breaker as soon as the round's answer is certain. */
    void judge(ProbePermit probe, boolean failure, boolean slow) {
        outstanding.compareAndSet(probe.slot, probe, null);
        breaker.counters.judged(failure, slow);
        long counts = tally.addAndGet(JUDGED + (failure ? FAILED : 0) + (slow ? SLOW : 0));
        @Nullable Reason verdict = Verdict.ofProbes(settings, field(counts, 1), field(counts, 2), field(counts, 3));
        if (verdict == Reason.PROBES_SUCCEEDED) {
            breaker.close(this);
        } else if (verdict != null) {
            breaker.trip(this, verdict);
        }
    }

    /** Frees a probe's place in the round without judging it. */
    void giveBack(ProbePermit probe) {
        outstanding.compareAndSet(probe.slot, probe, null);
        breaker.counters.ignored();
        tally.addAndGet(-ADMITTED);
    }

    @Override
    BreakerState restart(BreakerSettings newSettings, long newSequence) {
        return new HalfOpenState(breaker, newSettings, newSequence, trip, lastOpenNanos);
    }

    @Override
    int trips() {
        return trip;
    }

    @Override
    long lastOpenNanos() {
        return lastOpenNanos;
    }

    @Override
    long judgedCalls() {
        return field(tally.get(), 1);
    }

    @Override
    double failureRate() {
        long counts = tally.get();
        return field(counts, 1) == 0 ? -1 : Verdict.rate(field(counts, 2), field(counts, 1));
    }

    @Override
    double slowCallRate() {
        long counts = tally.get();
        return field(counts, 1) == 0 ? -1 : Verdict.rate(field(counts, 3), field(counts, 1));
    }

    private static long field(long counts, int index) {
        return (counts >>> (index * FIELD_BITS)) & FIELD_MASK;
    }
}
