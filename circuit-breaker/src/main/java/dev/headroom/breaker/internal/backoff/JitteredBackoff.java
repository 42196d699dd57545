package dev.headroom.breaker.internal.backoff;

import dev.headroom.breaker.Backoff;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/** Randomizes another backoff's delays, so that clients that failed together do not retry together. */
public final class JitteredBackoff implements Backoff {

    /** How much of the delay is randomized. */
    public enum Kind {
        /** Uniform in {@code [0, d)}. */
        FULL,
        /** {@code d/2} plus uniform in {@code [0, d/2)}. */
        EQUAL
    }

    private final Backoff base;
    private final Kind kind;
    private final DoubleSupplier random;

    /**
     * Creates the backoff.
     *
     * @param base the backoff whose delays are randomized
     * @param kind how much is randomized
     * @param random values in {@code [0, 1)}
     */
    public JitteredBackoff(Backoff base, Kind kind, DoubleSupplier random) {
        this.base = base;
        this.kind = kind;
        this.random = random;
    }

    @Override
    public long delayNanos(int retry, long previousDelayNanos) {
        long delay = base.delayNanos(retry, previousDelayNanos);
        double draw = Randoms.draw(random);
        if (kind == Kind.FULL) {
            return (long) (delay * draw);
        }
        long half = delay / 2;
        return (delay - half) + (long) (half * draw);
    }

    @Override
    public String toString() {
        return base + " with " + kind.name().toLowerCase(Locale.ROOT) + " jitter";
    }
}
