package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.StateTransition.Reason;
import org.jspecify.annotations.Nullable;

/** The threshold arithmetic of CLOSED and HALF_OPEN, in one place so both judge alike. */
final class Verdict {

    private Verdict() {}

    /**
     * Judges a CLOSED window.
     *
     * @return why the breaker must open, or null if it stays closed
     */
    static @Nullable Reason ofWindow(BreakerSettings settings, long calls, long failures, long slowCalls) {
        if (calls < settings.minimumCalls) {
            return null;
        }
        if (reaches(failures, calls, settings.failureRateThreshold)) {
            return Reason.FAILURE_RATE_EXCEEDED;
        }
        if (reaches(slowCalls, calls, settings.slowCallRateThreshold)) {
            return Reason.SLOW_CALL_RATE_EXCEEDED;
        }
        return null;
    }

    /**
     * Judges a round of probes as soon as its answer is certain: the rates are over all {@code
     * probes}, and probes not yet judged could still all fail and be slow.
     *
     * @return why the breaker must open, {@link Reason#PROBES_SUCCEEDED} if it must close, or null
     *     if it must wait for more probes
     */
    static @Nullable Reason ofProbes(BreakerSettings settings, long judged, long failures, long slowCalls) {
        int probes = settings.halfOpenProbes;
        if (reaches(failures, probes, settings.failureRateThreshold)) {
            return Reason.FAILURE_RATE_EXCEEDED;
        }
        if (reaches(slowCalls, probes, settings.slowCallRateThreshold)) {
            return Reason.SLOW_CALL_RATE_EXCEEDED;
        }
        long undecided = probes - judged;
        if (!reaches(failures + undecided, probes, settings.failureRateThreshold)
                && !reaches(slowCalls + undecided, probes, settings.slowCallRateThreshold)) {
            return Reason.PROBES_SUCCEEDED;
        }
        return null;
    }

    /** Inclusive: {@code part / whole >= percent / 100}, without division. */
    static boolean reaches(long part, long whole, double percent) {
        return part * 100.0 >= percent * whole;
    }

    static double rate(long part, long whole) {
        return whole == 0 ? -1 : Math.min(100.0, Math.max(0.0, part * 100.0 / whole));
    }
}
