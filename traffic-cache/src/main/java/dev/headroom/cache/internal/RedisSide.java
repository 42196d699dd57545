package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The Redis tier as the read and write paths see it: its commands, where keys live, and the
 * namespace version every value key carries.
 *
 * @param tier the guarded commands
 * @param keyspace where values and leases live
 * @param namespace this instance's copy of the namespace version
 */
record RedisSide(RedisTier tier, Keyspace keyspace, NamespaceVersion namespace) {

    /**
     * The namespace version a read builds its keys with, re-read from Redis first when due.
     *
     * @return completes with the version, or -1 while it is unknown (Redis is then not read)
     */
    CompletableFuture<Long> readVersion(long now) {
        return namespace.refreshIfDue(now).thenApply(ignored -> currentVersion());
    }

    /** A write to Redis under a known namespace version. */
    @FunctionalInterface
    interface VersionedWrite {
        /** Writes; true if Redis took it. */
        boolean write(RedisSide redis, long version);
    }

    /**
     * Runs a caller's write to Redis under the namespace version known now.
     *
     * @param redis the Redis tier, or null for a local-only cache
     * @return true without a Redis tier (there is nothing to write); false while the version is
     *     unknown (Redis is not written); else what {@code write} says
     */
    static boolean write(@Nullable RedisSide redis, VersionedWrite write) {
        if (redis == null) {
            return true;
        }
        long version = redis.currentVersion();
        return version >= 0 && write.write(redis, version);
    }

    /** The namespace version known now, or -1 while it is unknown. */
    long currentVersion() {
        return namespace.known() ? namespace.current() : -1;
    }

    byte[] valueKey(String key, long version) {
        return keyspace.value(key, version);
    }

    byte[] leaseKey(String key, long version) {
        return keyspace.lease(key, version);
    }
}
