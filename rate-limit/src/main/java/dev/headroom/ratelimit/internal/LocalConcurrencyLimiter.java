package dev.headroom.ratelimit.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.core.UserKeys;
import dev.headroom.ratelimit.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per key (in its {@link UserKeys#canonical(String) canonical form}), an in-flight count changed by
 * compare-and-set. A count that falls to 0 is retired (set to -1) and removed, so idle keys hold
 * nothing; an acquirer that meets a retired count looks the key up again.
 */
public final class LocalConcurrencyLimiter extends KeyedConcurrencyLimiter {

    private static final int RETIRED = -1;
    private static final long MAX_PAUSE_NANOS = 1_000_000L;

    private final int maxKeys;
    private final ConcurrentHashMap<String, Count> counts = new ConcurrentHashMap<>();

    /**
     * Creates a limiter.
     *
     * @param name its name
     * @param limit leases per key
     * @param maxKeys most keys tracked
     * @param scheduler the time source of blocking waits
     */
    public LocalConcurrencyLimiter(String name, int limit, int maxKeys, Scheduler scheduler) {
        super(name, limit, scheduler, 10_000L, MAX_PAUSE_NANOS);
        this.maxKeys = maxKeys;
    }

    @Override
    public int inFlight(String key) {
        Count count = counts.get(UserKeys.canonical(key));
        return count == null ? 0 : Math.max(0, count.get());
    }

    @Override
    public Lease tryAcquire(String key) {
        String id = UserKeys.canonical(key);
        while (true) {
            Count count = counts.get(id);
            if (count == null) {
                if (counts.size() >= maxKeys) {
                    counters.keyRejected();
                    counters.deniedLocally();
                    return OnceLease.REFUSED;
                }
                Count created = new Count();
                Count raced = counts.putIfAbsent(id, created);
                count = raced == null ? created : raced;
            }
            int current = count.get();
            if (current == RETIRED) {
                counts.remove(id, count);
                continue;
            }
            if (current >= limit) {
                counters.deniedLocally();
                return OnceLease.REFUSED;
            }
            if (count.compareAndSet(current, current + 1)) {
                counters.allowedLocally();
                return new Held(id, count);
            }
        }
    }

    private void release(String id, Count count) {
        while (true) {
            int current = count.get();
            if (current == 1) {
                if (count.compareAndSet(1, RETIRED)) {
                    counts.remove(id, count);
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
    private final class Held extends OnceLease {
        private final String id;
        private final Count count;

        Held(String id, Count count) {
            this.id = id;
            this.count = count;
        }

        @Override
        void release() {
            LocalConcurrencyLimiter.this.release(id, count);
        }
    }
}
