package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Lease;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimiterStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per key, an in-flight count changed by compare-and-set. A count that falls to 0 is retired (set
 * to -1) and removed, so idle keys hold nothing; an acquirer that meets a retired count looks the
 * key up again.
 */
public final class LocalConcurrencyLimiter implements ConcurrencyLimiter {

    /** The limit that concurrency decisions report in {@link RateLimiterStats}; it carries no numbers. */
    static final Limit LIMIT_MARKER = Limit.fixedWindow("concurrency", 1, Duration.ofSeconds(1));

    private static final int RETIRED = -1;
    private static final long MAX_PAUSE_NANOS = 1_000_000L;

    private final String name;
    private final int limit;
    private final Ticker ticker;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Count> counts = new ConcurrentHashMap<>();
    private final LongAdder granted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder keysRejected = new LongAdder();
    private final RateLimiterStats stats = new RateLimiterStats() {
        @Override
        public long decisions(Decision.Source source, boolean allowed) {
            return source != Decision.Source.LOCAL ? 0 : allowed ? granted.sum() : refused.sum();
        }

        @Override
        public long redisFailures() {
            return 0;
        }

        @Override
        public long keysRejected() {
            return keysRejected.sum();
        }
    };

    /**
     * Creates a limiter.
     *
     * @param name its name
     * @param limit leases per key
     * @param ticker clock of blocking waits
     * @param maxKeys most keys tracked
     */
    public LocalConcurrencyLimiter(String name, int limit, Ticker ticker, int maxKeys) {
        this.name = name;
        this.limit = limit;
        this.ticker = ticker;
        this.maxKeys = maxKeys;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public int inFlight(String key) {
        Count count = counts.get(key);
        return count == null ? 0 : Math.max(0, count.get());
    }

    @Override
    public Lease tryAcquire(String key) {
        Keys.requireValid(key);
        while (true) {
            Count count = counts.get(key);
            if (count == null) {
                if (counts.size() >= maxKeys) {
                    keysRejected.increment();
                    refused.increment();
                    return Refused.INSTANCE;
                }
                Count created = new Count();
                Count raced = counts.putIfAbsent(key, created);
                count = raced == null ? created : raced;
            }
            int current = count.get();
            if (current == RETIRED) {
                counts.remove(key, count);
                continue;
            }
            if (current >= limit) {
                refused.increment();
                return Refused.INSTANCE;
            }
            if (count.compareAndSet(current, current + 1)) {
                granted.increment();
                return new Held(key, count);
            }
        }
    }

    @Override
    public RateLimiterStats stats() {
        return stats;
    }

    @Override
    public Lease acquire(String key, Duration maxWait) {
        return Blocking.pollLease(ticker, maxWait, 10_000L, MAX_PAUSE_NANOS, () -> tryAcquire(key));
    }

    private void release(String key, Count count) {
        while (true) {
            int current = count.get();
            if (current == 1) {
                if (count.compareAndSet(1, RETIRED)) {
                    counts.remove(key, count);
                    return;
                }
            } else if (count.compareAndSet(current, current - 1)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "LocalConcurrencyLimiter{" + name + ", limit=" + limit + ", keys=" + counts.size() + '}';
    }

    /** An in-flight count. */
    private static final class Count {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(Count.class, "value", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("UnusedVariable") // Accessed through VALUE.
        private volatile int value;

        int get() {
            return value;
        }

        boolean compareAndSet(int expected, int next) {
            return VALUE.compareAndSet(this, expected, next);
        }
    }

    /** An open lease; the first close releases. */
    private final class Held implements Lease {
        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(Held.class, "closed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String key;
        private final Count count;

        @SuppressWarnings("UnusedVariable") // Accessed through CLOSED.
        private volatile boolean closed;

        Held(String key, Count count) {
            this.key = key;
            this.count = count;
        }

        @Override
        public boolean isAcquired() {
            return true;
        }

        @Override
        public void close() {
            if (CLOSED.compareAndSet(this, false, true)) {
                release(key, count);
            }
        }
    }

    /** The refused lease: nothing to release. */
    enum Refused implements Lease {
        INSTANCE;

        @Override
        public boolean isAcquired() {
            return false;
        }

        @Override
        public void close() {}
    }
}
