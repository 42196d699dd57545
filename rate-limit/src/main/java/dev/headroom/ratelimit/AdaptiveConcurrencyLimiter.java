package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A concurrency limit that finds itself, Vegas-style: each call's round-trip time is compared with
 * the lowest seen ({@code rttNoLoad}), and {@code queue = limit x (1 - rttNoLoad / rtt)} estimates
 * how many calls wait in the dependency. Below {@link AdaptiveConcurrencyConfig#alpha()} the limit
 * grows by one, above {@link AdaptiveConcurrencyConfig#beta()} it shrinks by one, and a {@linkplain
 * Lease#markDropped() dropped} call multiplies it by {@link AdaptiveConcurrencyConfig#dropFactor()}.
 *
 * <p><b>Bounded.</b> The limit grows only on evidence that it is the bottleneck: a sample counts
 * for growth only if at least half the limit was in flight when the call started. With latency flat
 * and demand below the limit, the limit stays where it is, instead of climbing without bound
 * (concurrency-limits#134); and it never passes {@link AdaptiveConcurrencyConfig#max()}.
 *
 * <p>Acquiring is one compare-and-set; samples are folded in under a lock that is only tried, never
 * waited for (a sample that finds it taken is skipped). Time comes from the {@link Ticker}.
 */
public final class AdaptiveConcurrencyLimiter {

    private final String name;
    private final AdaptiveConcurrencyConfig config;
    private final Ticker ticker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock sampling = new ReentrantLock();
    private volatile int limit;
    private long rttNoLoad;

    private AdaptiveConcurrencyLimiter(String name, AdaptiveConcurrencyConfig config, Ticker ticker) {
        this.name = name;
        this.config = config;
        this.ticker = ticker;
        this.limit = config.initial();
    }

    /**
     * Creates a limiter.
     *
     * @param name the limiter's name
     * @param config the rules
     * @param ticker the clock that times calls
     * @return the limiter, at {@link AdaptiveConcurrencyConfig#initial()}
     */
    public static AdaptiveConcurrencyLimiter of(String name, AdaptiveConcurrencyConfig config, Ticker ticker) {
        return new AdaptiveConcurrencyLimiter(name, config, ticker);
    }

    /**
     * Returns the limiter's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the current limit.
     *
     * @return within {@code [min, max]}
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns how many leases are open.
     *
     * @return at least 0
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Tries to start a call. Close the lease when the call ends; its duration is the sample.
     *
     * @return an acquired lease, or a refused one if the limit is reached
     */
    public Lease tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return RefusedLease.INSTANCE;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return new Sampled(current + 1, ticker.nanoTime());
            }
        }
    }

    private void onSample(long rtt, int inFlightAtStart, boolean dropped) {
        inFlight.decrementAndGet();
        if (!sampling.tryLock()) {
            return;
        }
        try {
            int current = limit;
            if (dropped) {
                limit = Math.max(config.min(), (int) Math.floor(current * config.dropFactor()));
                return;
            }
            long sample = Math.max(1, rtt);
            if (rttNoLoad == 0 || sample < rttNoLoad) {
                rttNoLoad = sample;
            }
            double queue = current * (1.0 - (double) rttNoLoad / sample);
            if (queue > config.beta()) {
                limit = Math.max(config.min(), current - 1);
            } else if (queue < config.alpha() && inFlightAtStart * 2 >= current) {
                limit = Math.min(config.max(), current + 1);
            }
        } finally {
            sampling.unlock();
        }
    }

    @Override
    public String toString() {
        return "AdaptiveConcurrencyLimiter{" + name + ", limit=" + limit + ", inFlight=" + inFlight.get() + '}';
    }

    /** An open lease that reports its duration once. */
    private final class Sampled implements Lease {
        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(Sampled.class, "closed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int inFlightAtStart;
        private final long start;
        private volatile boolean dropped;

        @SuppressWarnings("UnusedVariable") // Accessed through CLOSED.
        private volatile boolean closed;

        Sampled(int inFlightAtStart, long start) {
            this.inFlightAtStart = inFlightAtStart;
            this.start = start;
        }

        @Override
        public boolean isAcquired() {
            return true;
        }

        @Override
        public void markDropped() {
            dropped = true;
        }

        @Override
        public void close() {
            if (CLOSED.compareAndSet(this, false, true)) {
                onSample(ticker.nanoTime() - start, inFlightAtStart, dropped);
            }
        }
    }

    /** The refused lease. */
    private enum RefusedLease implements Lease {
        INSTANCE;

        @Override
        public boolean isAcquired() {
            return false;
        }

        @Override
        public void close() {}
    }
}
