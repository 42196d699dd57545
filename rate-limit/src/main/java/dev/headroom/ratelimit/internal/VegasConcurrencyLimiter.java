package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.AdaptiveConcurrencyConfig;
import dev.headroom.ratelimit.AdaptiveConcurrencyLimiter;
import dev.headroom.ratelimit.AdaptiveConcurrencyStats;
import dev.headroom.ratelimit.Lease;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link AdaptiveConcurrencyLimiter}: one in-flight count, and a limit moved by samples. */
public final class VegasConcurrencyLimiter implements AdaptiveConcurrencyLimiter {

    private final String name;
    private final AdaptiveConcurrencyConfig config;
    private final Ticker ticker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock sampling = new ReentrantLock();
    private final LongAdder granted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile int limit;
    private long rttNoLoad;

    /**
     * Creates a limiter at the configuration's initial limit.
     *
     * @param name its name
     * @param config its rules
     * @param ticker the clock that times calls
     */
    public VegasConcurrencyLimiter(String name, AdaptiveConcurrencyConfig config, Ticker ticker) {
        this.name = name;
        this.config = config;
        this.ticker = ticker;
        this.limit = config.initial();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AdaptiveConcurrencyConfig config() {
        return config;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public Lease tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                refused.increment();
                return OnceLease.REFUSED;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                granted.increment();
                return new Sampled(current + 1, ticker.nanoTime());
            }
        }
    }

    @Override
    public AdaptiveConcurrencyStats stats() {
        return new AdaptiveConcurrencyStats(limit, inFlight.get(), granted.sum(), refused.sum(), dropped.sum());
    }

    private void onSample(long rtt, int inFlightAtStart, boolean drop) {
        inFlight.decrementAndGet();
        if (drop) {
            dropped.increment();
        }
        if (!sampling.tryLock()) {
            return;
        }
        try {
            int current = limit;
            if (drop) {
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
    private final class Sampled extends OnceLease {
        private final int inFlightAtStart;
        private final long start;
        private volatile boolean dropped;

        Sampled(int inFlightAtStart, long start) {
            this.inFlightAtStart = inFlightAtStart;
            this.start = start;
        }

        @Override
        public void markDropped() {
            dropped = true;
        }

        @Override
        void release() {
            onSample(ticker.nanoTime() - start, inFlightAtStart, dropped);
        }
    }
}
