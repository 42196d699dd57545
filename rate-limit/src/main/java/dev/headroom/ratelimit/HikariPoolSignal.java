package dev.headroom.ratelimit;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.headroom.ratelimit.spi.HealthSignal;

/**
 * A {@link HealthSignal} from a HikariCP pool: overloaded when more than {@code maxWaiting} threads
 * wait for a connection, read from the pool's {@link HikariPoolMXBean}. HikariCP is an optional
 * dependency; only this class needs it. A pool that cannot be read counts as healthy, so a
 * monitoring hiccup never shrinks the limit.
 */
public final class HikariPoolSignal implements HealthSignal {

    private final HikariPoolMXBean pool;
    private final int maxWaiting;

    private HikariPoolSignal(HikariPoolMXBean pool, int maxWaiting) {
        this.pool = pool;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Creates a signal.
     *
     * @param pool the pool's MXBean, such as {@code dataSource.getHikariPoolMXBean()}
     * @param maxWaiting the most waiting threads that still count as healthy, at least 0
     * @return the signal
     * @throws IllegalArgumentException if {@code maxWaiting} is negative
     */
    public static HikariPoolSignal of(HikariPoolMXBean pool, int maxWaiting) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative: " + maxWaiting);
        }
        return new HikariPoolSignal(pool, maxWaiting);
    }

    @Override
    public boolean isOverloaded() {
        try {
            return pool.getThreadsAwaitingConnection() > maxWaiting;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "HikariPoolSignal{maxWaiting=" + maxWaiting + '}';
    }
}
