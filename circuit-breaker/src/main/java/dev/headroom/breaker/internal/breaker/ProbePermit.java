package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker.State;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One half-open probe. Single-use: whichever of report, release or expiry comes first wins a
 * compare-and-set and the others do nothing, so a probe is judged or given back exactly once.
 */
final class ProbePermit implements BreakerPermit {

    private static final VarHandle FINISHED;

    static {
        try {
            FINISHED = MethodHandles.lookup().findVarHandle(ProbePermit.class, "finished", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HalfOpenState round;
    final long issuedAt;
    /** The slot in the round's outstanding probes; written before the probe is published there. */
    int slot;

    @SuppressWarnings("unused") // accessed through FINISHED
    private volatile int finished;

    ProbePermit(HalfOpenState round, long issuedAt) {
        this.round = round;
        this.issuedAt = issuedAt;
    }

    private boolean finish() {
        return FINISHED.compareAndSet(this, 0, 1);
    }

    /** Judges the probe failed and slow if nothing else finished it first. */
    boolean expire() {
        if (finish()) {
            round.judge(this, true, true);
            return true;
        }
        return false;
    }

    @Override
    public boolean isPermitted() {
        return true;
    }

    @Override
    public State state() {
        return State.HALF_OPEN;
    }

    @Override
    public void onSuccess(long durationNanos) {
        if (finish()) {
            round.judge(this, false, round.settings.isSlow(durationNanos));
        }
    }

    @Override
    public void onResult(@Nullable Object result, long durationNanos) {
        if (finish()) {
            round.judge(this, round.settings.isFailure(result), round.settings.isSlow(durationNanos));
        }
    }

    @Override
    public void onError(Throwable error, long durationNanos) {
        if (finish()) {
            switch (round.settings.judge(error)) {
                case IGNORED -> round.giveBack(this);
                case FAILURE -> round.judge(this, true, round.settings.isSlow(durationNanos));
                case SUCCESS -> round.judge(this, false, round.settings.isSlow(durationNanos));
            }
        }
    }

    @Override
    public void release() {
        if (finish()) {
            round.giveBack(this);
        }
    }

    @Override
    public String toString() {
        return "BreakerPermit{HALF_OPEN probe, finished=" + (finished != 0) + '}';
    }
}
