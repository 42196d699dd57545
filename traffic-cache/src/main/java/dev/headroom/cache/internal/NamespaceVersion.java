package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the cache's namespace version, which is part of every value key.
 *
 * <p>It is read at start, re-read before a Redis read once the check interval has passed, moved on by
 * {@link #advanced(long)} after this instance's own {@code INCR}, and raised by invalidation
 * messages. A re-read adopts whatever Redis holds, lower included (Redis lost its data), but a
 * re-read that started before a local change is ignored. Every change of version resets the local
 * tier. Until the first read succeeds the version is unknown and the Redis tier is not used.
 */
final class NamespaceVersion {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceVersion.class);

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final RedisTier redis;
    private final byte[] key;
    private final long intervalNanos;
    private final Runnable onChange;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final ReentrantLock adopting = new ReentrantLock();
    private volatile long version;
    private volatile boolean known;
    private volatile long checkedAt;

    NamespaceVersion(RedisTier redis, byte[] key, long intervalNanos, long now, Runnable onChange) {
        this.redis = redis;
        this.key = key;
        this.intervalNanos = intervalNanos;
        this.onChange = onChange;
        this.checkedAt = now;
    }

    boolean known() {
        return known;
    }

    long current() {
        return version;
    }

    /**
     * Re-reads the version if the interval has passed or it is unknown. A read that uses Redis
     * waits for this before it builds its key, so a version change it missed is noticed at once.
     *
     * @return completes when the version is re-read, or at once when no re-read is due
     */
    CompletableFuture<Void> refreshIfDue(long now) {
        if (now - checkedAt >= intervalNanos || !known) {
            return refresh(now);
        }
        return DONE;
    }

    /** Reads the version now; the future completes when the read is done or was already running. */
    CompletableFuture<Void> refresh(long now) {
        if (!reading.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        checkedAt = now;
        long changesBefore = changes.get();
        return redis.readCounter(key).thenAccept(read -> {
            try {
                if (read >= 0 && changes.get() == changesBefore) {
                    boolean unused = adopt(read, "read from Redis");
                }
            } finally {
                reading.set(false);
            }
        });
    }

    /** Takes the version this instance just set with {@code INCR}. */
    void advanced(long newVersion) {
        changes.incrementAndGet();
        boolean unused = adopt(newVersion, "invalidated here");
    }

    /**
     * Takes a version announced by another instance, if it is newer.
     *
     * @return true if the version changed (and the local tier was reset)
     */
    boolean announced(long newVersion) {
        if (known && newVersion <= version) {
            return false;
        }
        changes.incrementAndGet();
        return adopt(newVersion, "announced");
    }

    private boolean adopt(long newVersion, String why) {
        adopting.lock();
        try {
            boolean wasKnown = known;
            long old = version;
            version = newVersion;
            known = true;
            if (wasKnown && old != newVersion) {
                LOG.debug("namespace version {} -> {} ({})", old, newVersion, why);
                onChange.run();
                return true;
            }
            return false;
        } finally {
            adopting.unlock();
        }
    }
}
