package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Invalidation on every tier and every instance: removes a key (or, by moving the namespace version
 * on, every key) from Redis, drops it here along with the loads of it in flight, and tells other
 * instances through the invalidation channel; and applies what other instances announce.
 */
final class Invalidations implements InvalidationBus.Receiver {

    private final LocalTier local;
    private final Flights flights;
    private final Counters counters;
    private final @Nullable RedisSide redis;
    private final Runnable resetLocal;
    private final boolean leased;
    private final long leaseTtlMillis;
    private final String source;

    /**
     * @param resetLocal drops every local entry and discards every load in flight
     * @param leased whether loads take the lease, so that a removal also blocks their write-back
     * @param source this instance's id, sent with its messages
     */
    Invalidations(
            LocalTier local,
            Flights flights,
            Counters counters,
            @Nullable RedisSide redis,
            Runnable resetLocal,
            boolean leased,
            long leaseTtlMillis,
            String source) {
        this.local = local;
        this.flights = flights;
        this.counters = counters;
        this.redis = redis;
        this.resetLocal = resetLocal;
        this.leased = leased;
        this.leaseTtlMillis = leaseTtlMillis;
        this.source = source;
    }

    /** Drops {@code key} here and discards its loads in flight. */
    void dropLocal(String key) {
        flights.discard(key);
        local.invalidate(key);
    }

    /** See {@link dev.headroom.cache.TrafficCache#invalidate(String)}. */
    boolean invalidate(String key) {
        dropLocal(key);
        return RedisSide.write(redis, (side, version) -> {
            boolean removed = (leased
                            ? side.tier()
                                    .invalidateLeased(
                                            side.valueKey(key, version), side.leaseKey(key, version), leaseTtlMillis)
                            : side.tier().delete(side.valueKey(key, version)))
                    .join();
            // Fetches that read Redis before the removal must not store what they read.
            dropLocal(key);
            return removed && announceKey(key, version);
        });
    }

    /**
     * Marks the lease of {@code key} invalidated without waiting, when loads take the lease, so that a
     * load in flight anywhere does not write its older value over a value about to be put. Sent on the
     * same connection as the put's write, so Redis runs it first.
     */
    void blockLeasedWriteBack(String key, long version) {
        RedisSide side = redis;
        if (leased && side != null) {
            CompletableFuture<Boolean> unused = side.tier()
                    .invalidateLeased(side.valueKey(key, version), side.leaseKey(key, version), leaseTtlMillis);
        }
    }

    /** See {@link dev.headroom.cache.TrafficCache#invalidateAll()}. */
    boolean invalidateAll() {
        resetLocal.run();
        RedisSide side = redis;
        if (side == null) {
            return true;
        }
        long version = side.tier().increment(side.keyspace().namespace()).join();
        if (version < 0) {
            return false;
        }
        side.namespace().advanced(version);
        return announce(InvalidationMessage.ofNamespace(source, version));
    }

    /** Tells other instances that {@code key} changed under {@code version}; true if Redis took the message. */
    boolean announceKey(String key, long version) {
        return announce(InvalidationMessage.ofKey(source, version, key));
    }

    private boolean announce(InvalidationMessage message) {
        RedisSide side = redis;
        return side != null
                && side.tier()
                        .publish(side.keyspace().channel(), message.encode())
                        .join();
    }

    @Override
    public void onMessage(InvalidationMessage message) {
        RedisSide side = redis;
        if (message.wholeNamespace()) {
            if (side == null || !side.namespace().announced(message.version())) {
                resetLocal.run();
            }
        } else {
            dropLocal(message.key());
        }
        counters.invalidationsReceived.increment();
    }

    @Override
    public void onMissedMessages() {
        resetLocal.run();
    }
}
