package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of one key in this process, which concurrent reads of the key wait for instead of
 * fetching again (single-flight), or one background refresh.
 */
final class Flight {
    /** Completes with the fetch's answer, or exceptionally with the loader's failure. */
    final CompletableFuture<Resolution> result = new CompletableFuture<>();
    /** The local tier's epoch when the fetch started; a fetch from a past epoch stores nothing. */
    final int epoch;
    /** The blocking thread that leads the fetch, to refuse a loader that reads its own key. */
    final @Nullable Thread leader;
    /** Set when the key is invalidated during the fetch: its value is returned but not stored. */
    volatile boolean discarded;

    Flight(int epoch, @Nullable Thread leader) {
        this.epoch = epoch;
        this.leader = leader;
    }
}
