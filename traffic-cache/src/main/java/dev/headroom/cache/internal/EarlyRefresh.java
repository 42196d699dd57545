package dev.headroom.cache.internal;

import java.util.function.DoubleSupplier;

/**
 * Probabilistic early refresh (XFetch: Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic
 * Cache Stampede Prevention", VLDB 2015): a read refreshes a value early when {@code now - delta *
 * beta * ln(random) >= expiry}, where {@code delta} is how long computing it took. Slow values and
 * hot keys are refreshed sooner, and about one read refreshes before the value expires.
 *
 * <p>The draw is skipped, and the answer is no, while more than {@link #HORIZON} {@code delta *
 * beta} remain: the chance of yes there is below {@code e^-20}, about 2e-9. That lets the local tier
 * serve those reads without reading a random number.
 */
final class EarlyRefresh {

    /** How many {@code delta * beta} before expiry draws start. */
    static final double HORIZON = 20.0;

    private final double beta;
    private final DoubleSupplier random;

    EarlyRefresh(double beta, DoubleSupplier random) {
        this.beta = beta;
        this.random = random;
    }

    /** The first instant at which {@link #due} may say yes for a value fresh until {@code freshUntil}. */
    long zoneStart(long freshUntil, long computeNanos) {
        if (beta == 0 || computeNanos <= 0) {
            return freshUntil;
        }
        double span = computeNanos * beta * HORIZON;
        return freshUntil - (long) Math.min(span, (double) Lifetimes.MAX_NANOS);
    }

    /** Whether a read at {@code now} of a value fresh until {@code freshUntil} should refresh it early. */
    boolean due(long now, long freshUntil, long computeNanos) {
        if (beta == 0 || computeNanos <= 0) {
            return false;
        }
        long remaining = freshUntil - now;
        if (remaining <= 0) {
            return true;
        }
        double scale = computeNanos * beta;
        if (remaining > scale * HORIZON) {
            return false;
        }
        double draw = random.getAsDouble();
        return !(draw > 0) || -scale * Math.log(draw) >= remaining;
    }
}
