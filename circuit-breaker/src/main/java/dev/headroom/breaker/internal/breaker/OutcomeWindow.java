package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.StateTransition.Reason;
import org.jspecify.annotations.Nullable;

/** The recent calls a CLOSED breaker judges. */
interface OutcomeWindow {

    /**
     * Records one judged call and judges the window.
     *
     * @param outcome an {@link Outcome} other than {@link Outcome#EMPTY}
     * @return why the breaker must open, or null
     */
    @Nullable
    Reason record(int outcome);

    /** Returns how many calls the window holds now. */
    long calls();

    /** Returns how many of them failed. */
    long failures();

    /** Returns how many of them were slow. */
    long slowCalls();
}
