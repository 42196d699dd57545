package dev.headroom.breaker.internal.backoff;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Sources of uniform values in {@code [0, 1)} for jitter and throttling. */
public final class Randoms {

    private Randoms() {}

    /**
     * Returns a source that draws from the calling thread's {@link ThreadLocalRandom}.
     *
     * @return a thread-safe, uncontended source
     */
    public static DoubleSupplier threadLocal() {
        return ThreadLocalDraw.INSTANCE;
    }

    /**
     * Draws from {@code random}, clamped to {@code [0, 1]} so a faulty source cannot produce a
     * negative or oversized delay.
     *
     * @param random the source
     * @return a value in {@code [0, 1]}
     */
    public static double draw(DoubleSupplier random) {
        double value = random.getAsDouble();
        return value > 0 ? Math.min(value, 1.0) : 0.0;
    }

    private enum ThreadLocalDraw implements DoubleSupplier {
        INSTANCE;

        @Override
        public double getAsDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }

        @Override
        public String toString() {
            return "ThreadLocalRandom";
        }
    }
}
