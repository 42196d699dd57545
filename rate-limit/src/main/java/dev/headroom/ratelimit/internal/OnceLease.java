package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A granted lease whose first {@link #close()} releases its permit, once, whichever thread closes
 * it and however often: the base of every concurrency limiter's leases.
 */
abstract class OnceLease implements Lease {

    /** A lease refused: nothing to release. */
    static final Lease REFUSED = new Lease() {
        @Override
        public boolean isAcquired() {
            return false;
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "Lease[refused]";
        }
    };

    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(OnceLease.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("UnusedVariable") // Accessed through CLOSED.
    private volatile boolean closed;

    @Override
    public final boolean isAcquired() {
        return true;
    }

    @Override
    public final void close() {
        if (CLOSED.compareAndSet(this, false, true)) {
            release();
        }
    }

    /** Gives the permit back; called once, by the first close. Must not throw. */
    abstract void release();
}
