package dev.headroom.cache.internal;

import dev.headroom.cache.CacheLoadException;
import dev.headroom.cache.CacheOutcome;
import dev.headroom.core.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Calls the user's loader for one key and stores what it returns: in the local tier at once, then
 * in Redis, and answers once the Redis write is done (so a value a read returned is in Redis unless
 * Redis failed). A loader that throws, fails its stage or returns null fails this load only: it is
 * counted, its lease is released, and the stale fallback is served if there is one. A load whose
 * key was invalidated meanwhile is returned but not stored.
 */
final class LoaderStep {

    private final String cacheName;
    private final Ticker ticker;
    private final LocalTier local;
    private final Entries entries;
    private final Counters counters;
    private final WriteBack writeBack;

    LoaderStep(
            String cacheName, Ticker ticker, LocalTier local, Entries entries, Counters counters, WriteBack writeBack) {
        this.cacheName = cacheName;
        this.ticker = ticker;
        this.local = local;
        this.entries = entries;
        this.counters = counters;
        this.writeBack = writeBack;
    }

    /**
     * Loads {@code request}'s key for {@code flight}.
     *
     * @param fallback served if the loader fails, or null to fail the read
     * @param version the namespace version to write under; -1 to keep the value out of Redis
     * @param token the lease this load holds, or null
     * @return completes with the answer, or exceptionally with the loader's failure
     */
    CompletableFuture<Resolution> load(
            Request request, Flight flight, @Nullable LocalEntry fallback, long version, @Nullable String token) {
        long start = ticker.nanoTime();
        CompletionStage<@Nullable Object> stage;
        try {
            stage = request.load().start();
        } catch (Exception | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Resolution> answer = new CompletableFuture<>();
        CompletableFuture<?> unused = stage.toCompletableFuture().whenComplete((value, error) -> {
            CompletableFuture<Resolution> next;
            try {
                next = loaded(request, flight, fallback, version, token, ticker.nanoTime() - start, value, error);
            } catch (RuntimeException | Error e) {
                next = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<?> unusedForward = next.whenComplete((resolution, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(Failures.unwrap(failure));
                } else {
                    answer.complete(resolution);
                }
            });
        });
        return answer;
    }

    private CompletableFuture<Resolution> loaded(
            Request request,
            Flight flight,
            @Nullable LocalEntry fallback,
            long version,
            @Nullable String token,
            long elapsed,
            @Nullable Object value,
            @Nullable Throwable error) {
        String key = request.key();
        if (error != null || value == null) {
            counters.load(false, elapsed);
            writeBack.release(key, version, token);
            if (fallback != null) {
                counters.staleOnError.increment();
                return CompletableFuture.completedFuture(new Resolution(fallback.value, CacheOutcome.STALE_ERROR));
            }
            return CompletableFuture.failedFuture(
                    error != null
                            ? Failures.unwrap(error)
                            : new CacheLoadException(
                                    cacheName,
                                    key,
                                    "the loader returned null; load absent values with getOrSetOptional",
                                    null));
        }
        counters.load(true, elapsed);
        Resolution answer = new Resolution(value, CacheOutcome.MISS_LOADED);
        boolean storable = value != Absent.INSTANCE || entries.cachesAbsent();
        if (!storable || flight.discarded || flight.epoch != local.epoch()) {
            writeBack.release(key, version, token);
            return CompletableFuture.completedFuture(answer);
        }
        long computedAt = ticker.wallMillis();
        long ttl = entries.ttlFor(request.ttlMillis(), value);
        local.store(key, entries.computed(key, value, ttl, computedAt, elapsed, flight.epoch));
        return writeBack
                .write(key, value, ttl, computedAt, elapsed, version, token)
                .thenApply(written -> answer);
    }
}
