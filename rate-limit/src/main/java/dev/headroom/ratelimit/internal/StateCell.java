package dev.headroom.ratelimit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** One key's state for one limit: a long read and compare-and-set through a VarHandle. */
final class StateCell {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StateCell.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("UnusedVariable") // Accessed through STATE.
    private volatile long state;

    StateCell(long initial) {
        this.state = initial;
    }

    long get() {
        return state;
    }

    boolean compareAndSet(long expected, long next) {
        return STATE.compareAndSet(this, expected, next);
    }
}
