package dev.headroom.cache.internal;

import dev.headroom.cache.CacheLoadException;
import dev.headroom.cache.CacheOutcome;
import dev.headroom.core.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The read path behind the hit path: local tier, then Redis, then the loader, with single-flight,
 * stale serving, early refresh and the cross-instance lease. Written as asynchronous steps that run
 * on the executor each read passes in ({@link CallerExecutor} for blocking reads).
 *
 * <p>A fetch stores what it loaded in the local tier and waits for the Redis write before it
 * answers, so a value a read returned is in Redis unless Redis failed.
 */
final class Resolver {

    private final String name;
    private final Ticker ticker;
    private final LocalTier local;
    private final Lifetimes lifetimes;
    private final ValueCodec<?> codec;
    private final Counters counters;
    final @Nullable RemoteParts remote;
    private final Executor executor;
    private final ToIntFunction<Object> weigher;
    private final long negativeTtlMillis;
    private final boolean lease;
    private final long leaseTtlMillis;
    private final long leaseWaitMillis;
    private final String source;
    private final AtomicLong tokens = new AtomicLong();
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Flight> refreshes = new ConcurrentHashMap<>();

    /** The Redis side, present when the cache has a Redis tier. */
    record RemoteParts(RedisTier tier, Keyspace keyspace, NamespaceVersion namespace, Runnable onRedisRead) {}

    Resolver(
            String name,
            Ticker ticker,
            LocalTier local,
            Lifetimes lifetimes,
            ValueCodec<?> codec,
            Counters counters,
            @Nullable RemoteParts remote,
            Executor executor,
            ToIntFunction<Object> weigher,
            long negativeTtlMillis,
            boolean lease,
            long leaseTtlMillis,
            long leaseWaitMillis,
            String source) {
        this.name = name;
        this.ticker = ticker;
        this.local = local;
        this.lifetimes = lifetimes;
        this.codec = codec;
        this.counters = counters;
        this.remote = remote;
        this.executor = executor;
        this.weigher = weigher;
        this.negativeTtlMillis = negativeTtlMillis;
        this.lease = lease && remote != null;
        this.leaseTtlMillis = leaseTtlMillis;
        this.leaseWaitMillis = leaseWaitMillis;
        this.source = source;
    }

    /**
     * Answers a read the hit path could not.
     *
     * @param exec where the read's steps run
     * @param blocking whether the calling thread blocks for the answer (to refuse recursive loads)
     * @throws IllegalStateException if a blocking loader reads the key it is loading
     */
    CompletableFuture<Resolution> resolve(Request request, Executor exec, boolean blocking) {
        String key = request.key();
        long now = ticker.nanoTime();
        LocalEntry entry = local.entry(key);
        if (entry != null && accepts(request, entry.value)) {
            if (now < entry.trustedUntil) {
                counters.memoryHits.increment();
                if (lifetimes.refreshEarly(entry, now)) {
                    refreshInBackground(request, true);
                } else {
                    local.promote(key, entry, now);
                }
                return CompletableFuture.completedFuture(new Resolution(entry.value, CacheOutcome.HIT_MEMORY));
            }
            if (now >= entry.freshUntil && now < entry.revalidateUntil && refreshes.containsKey(key)) {
                counters.staleRevalidating.increment();
                return CompletableFuture.completedFuture(new Resolution(entry.value, CacheOutcome.STALE_REVALIDATING));
            }
        }
        Flight flight = new Flight(local.epoch(), blocking ? Thread.currentThread() : null);
        Flight running = flights.putIfAbsent(key, flight);
        if (running != null) {
            if (running.leader == Thread.currentThread()) {
                throw new IllegalStateException("cache '" + name + "': the loader of key '" + key
                        + "' read the same key; a loader must not read the key it loads");
            }
            counters.sharedLoads.increment();
            return running.result.thenApply(Resolution::shared);
        }
        CompletableFuture<Resolution> led;
        try {
            led = lead(request, flight, exec);
        } catch (RuntimeException | Error e) {
            led = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = led.whenComplete((resolution, error) -> {
            flights.remove(key, flight);
            if (error != null) {
                flight.result.completeExceptionally(unwrap(error));
            } else {
                flight.result.complete(resolution);
            }
        });
        return flight.result;
    }

    /** Marks the fetch and refresh of {@code key} in flight as discarded, so they store nothing. */
    void discard(String key) {
        Flight flight = flights.remove(key);
        if (flight != null) {
            flight.discarded = true;
        }
        Flight refresh = refreshes.get(key);
        if (refresh != null) {
            refresh.discarded = true;
        }
    }

    /** Marks every fetch and refresh in flight as discarded. */
    void discardAll() {
        flights.forEach((key, flight) -> flight.discarded = true);
        flights.clear();
        refreshes.forEach((key, flight) -> flight.discarded = true);
    }

    Flight join(String key, Flight candidate) {
        Flight running = flights.putIfAbsent(key, candidate);
        return running == null ? candidate : running;
    }

    void leave(String key, Flight flight) {
        flights.remove(key, flight);
    }

    boolean accepts(Request request, Object value) {
        return value != Absent.INSTANCE || (request.optional() && negativeTtlMillis > 0);
    }

    long ttlFor(Request request, Object value) {
        return value == Absent.INSTANCE ? negativeTtlMillis : request.ttlMillis();
    }

    LocalEntry entryOf(Request request, ValueCodec.Decoded decoded, long now, int epoch) {
        Object value = decoded.value();
        return lifetimes.entry(
                request.key(),
                value,
                ttlFor(request, value),
                decoded.computedAtMillis(),
                decoded.computeNanos(),
                now,
                ticker.wallMillis(),
                epoch,
                weigher.applyAsInt(value));
    }

    LocalEntry loadedEntry(
            String key, Object value, long ttlMillis, long computedAtMillis, long computeNanos, int epoch) {
        return lifetimes.entry(
                key,
                value,
                ttlMillis,
                computedAtMillis,
                computeNanos,
                ticker.nanoTime(),
                computedAtMillis,
                epoch,
                weigher.applyAsInt(value));
    }

    private CompletableFuture<Resolution> lead(Request request, Flight flight, Executor exec) {
        String key = request.key();
        long now = ticker.nanoTime();
        LocalEntry entry = local.entry(key);
        if (entry != null && accepts(request, entry.value) && now < entry.trustedUntil) {
            counters.memoryHits.increment();
            return CompletableFuture.completedFuture(new Resolution(entry.value, CacheOutcome.HIT_MEMORY));
        }
        counters.memoryMisses.increment();
        RemoteParts parts = remote;
        if (parts == null) {
            return afterRead(request, flight, entry, null, -1, exec);
        }
        parts.onRedisRead().run();
        CompletableFuture<Void> versionChecked = parts.namespace().refreshIfDue(now);
        if (!versionChecked.isDone()) {
            return versionChecked.thenComposeAsync(ignored -> readRemote(request, flight, entry, parts, exec), exec);
        }
        return readRemote(request, flight, entry, parts, exec);
    }

    private CompletableFuture<Resolution> readRemote(
            Request request, Flight flight, @Nullable LocalEntry entry, RemoteParts parts, Executor exec) {
        if (!parts.namespace().known()) {
            return afterRead(request, flight, entry, RedisRead.UNAVAILABLE, -1, exec);
        }
        long version = parts.namespace().current();
        return parts.tier()
                .get(parts.keyspace().value(request.key(), version))
                .thenComposeAsync(read -> afterRead(request, flight, entry, read, version, exec), exec);
    }

    private CompletableFuture<Resolution> afterRead(
            Request request,
            Flight flight,
            @Nullable LocalEntry entry,
            @Nullable RedisRead read,
            long version,
            Executor exec) {
        long now = ticker.nanoTime();
        LocalEntry localEntry = entry != null && accepts(request, entry.value) ? entry : null;
        LocalEntry stale = null;
        if (read == null || read.kind == RedisRead.Kind.UNAVAILABLE) {
            if (read != null && localEntry != null && now < localEntry.freshUntil) {
                counters.memoryHits.increment();
                return CompletableFuture.completedFuture(new Resolution(localEntry.value, CacheOutcome.HIT_MEMORY));
            }
            if (localEntry != null && now < localEntry.revalidateUntil) {
                return revalidating(request, localEntry);
            }
        } else if (read.kind == RedisRead.Kind.VALUE && read.bytes != null) {
            ValueCodec.Decoded decoded = codec.decode(read.bytes);
            if (decoded != null && accepts(request, decoded.value())) {
                LocalEntry found = entryOf(request, decoded, now, flight.epoch);
                if (now < found.freshUntil) {
                    counters.redisHits.increment();
                    store(request.key(), found, flight);
                    if (lifetimes.refreshEarly(found, now)) {
                        refreshInBackground(request, true);
                    }
                    return CompletableFuture.completedFuture(new Resolution(found.value, CacheOutcome.HIT_REDIS));
                }
                if (now < found.revalidateUntil) {
                    counters.redisMisses.increment();
                    store(request.key(), found, flight);
                    return revalidating(request, found);
                }
                if (now < found.errorUntil) {
                    stale = found;
                }
            }
            counters.redisMisses.increment();
        } else {
            counters.redisMisses.increment();
        }
        if (stale == null && localEntry != null && now < localEntry.errorUntil) {
            stale = localEntry;
        }
        return load(request, flight, stale, version, exec);
    }

    private void store(String key, LocalEntry entry, Flight flight) {
        if (!flight.discarded) {
            local.store(key, entry);
        }
    }

    private CompletableFuture<Resolution> revalidating(Request request, LocalEntry stale) {
        counters.staleRevalidating.increment();
        refreshInBackground(request, false);
        return CompletableFuture.completedFuture(new Resolution(stale.value, CacheOutcome.STALE_REVALIDATING));
    }

    private CompletableFuture<Resolution> load(
            Request request, Flight flight, @Nullable LocalEntry stale, long version, Executor exec) {
        RemoteParts parts = remote;
        if (lease && parts != null && version >= 0) {
            return acquire(request, flight, stale, version, newToken(), true, 0, 0, exec);
        }
        return callLoader(request, flight, stale, version, null);
    }

    private CompletableFuture<Resolution> acquire(
            Request request,
            Flight flight,
            @Nullable LocalEntry stale,
            long version,
            String token,
            boolean wantValue,
            long waitedMillis,
            int attempt,
            Executor exec) {
        RemoteParts parts = requireRemote();
        String key = request.key();
        return parts.tier()
                .acquireLease(
                        parts.keyspace().value(key, version),
                        parts.keyspace().lease(key, version),
                        token,
                        leaseTtlMillis,
                        wantValue)
                .thenComposeAsync(
                        reply -> afterLease(request, flight, stale, version, token, reply, waitedMillis, attempt, exec),
                        exec);
    }

    private CompletableFuture<Resolution> afterLease(
            Request request,
            Flight flight,
            @Nullable LocalEntry stale,
            long version,
            String token,
            LeaseReply reply,
            long waitedMillis,
            int attempt,
            Executor exec) {
        switch (reply.kind) {
            case ACQUIRED:
                counters.leasesAcquired.increment();
                return callLoader(request, flight, stale, version, token);
            case VALUE:
                byte[] bytes = reply.value;
                ValueCodec.Decoded decoded = bytes == null ? null : codec.decode(bytes);
                long now = ticker.nanoTime();
                if (decoded != null && accepts(request, decoded.value())) {
                    LocalEntry found = entryOf(request, decoded, now, flight.epoch);
                    if (now < found.freshUntil) {
                        store(request.key(), found, flight);
                        if (waitedMillis > 0) {
                            counters.leaseWaits.increment();
                            return CompletableFuture.completedFuture(
                                    new Resolution(found.value, CacheOutcome.MISS_LEASED));
                        }
                        counters.redisHits.increment();
                        return CompletableFuture.completedFuture(new Resolution(found.value, CacheOutcome.HIT_REDIS));
                    }
                }
                // What is there is expired or unreadable: take the lease to replace it.
                return acquire(request, flight, stale, version, token, false, waitedMillis, attempt, exec);
            case HELD:
                if (stale != null) {
                    counters.staleWhileLeased.increment();
                    return CompletableFuture.completedFuture(new Resolution(stale.value, CacheOutcome.STALE_LEASED));
                }
                if (waitedMillis >= leaseWaitMillis) {
                    counters.leaseTimeouts.increment();
                    return callLoader(request, flight, null, version, null);
                }
                long pause = Math.min(leaseWaitMillis - waitedMillis, Math.min(50, 2L << Math.min(attempt, 5)));
                Executor later = CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, exec);
                return CompletableFuture.runAsync(() -> {}, later)
                        .thenCompose(ignored -> acquire(
                                request, flight, null, version, token, true, waitedMillis + pause, attempt + 1, exec));
            case UNAVAILABLE:
            default:
                return callLoader(request, flight, stale, version, null);
        }
    }

    private CompletableFuture<Resolution> callLoader(
            Request request, Flight flight, @Nullable LocalEntry stale, long version, @Nullable String token) {
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
                next = loaded(request, flight, stale, version, token, start, value, error);
            } catch (RuntimeException | Error e) {
                next = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<?> unusedForward = next.whenComplete((resolution, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(unwrap(failure));
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
            @Nullable LocalEntry stale,
            long version,
            @Nullable String token,
            long start,
            @Nullable Object value,
            @Nullable Throwable error) {
        long elapsed = ticker.nanoTime() - start;
        String key = request.key();
        Throwable failure = error != null
                ? unwrap(error)
                : value == null
                        ? new CacheLoadException(
                                name, key, "the loader returned null; load absent values with getOrSetOptional", null)
                        : null;
        if (failure != null || value == null) {
            counters.load(false, elapsed);
            release(key, version, token);
            if (stale != null) {
                counters.staleOnError.increment();
                return CompletableFuture.completedFuture(new Resolution(stale.value, CacheOutcome.STALE_ERROR));
            }
            return CompletableFuture.failedFuture(failure != null ? failure : new IllegalStateException());
        }
        counters.load(true, elapsed);
        Resolution answer = new Resolution(value, CacheOutcome.MISS_LOADED);
        if (value == Absent.INSTANCE && negativeTtlMillis <= 0) {
            release(key, version, token);
            return CompletableFuture.completedFuture(answer);
        }
        if (flight.discarded || flight.epoch != local.epoch()) {
            release(key, version, token);
            return CompletableFuture.completedFuture(answer);
        }
        long computedAt = ticker.wallMillis();
        long ttl = ttlFor(request, value);
        local.store(key, loadedEntry(key, value, ttl, computedAt, elapsed, flight.epoch));
        return write(key, value, ttl, computedAt, elapsed, version, token).thenApply(written -> answer);
    }

    /** Writes a value to Redis, through the lease when {@code token} is set; true if written. */
    CompletableFuture<Boolean> write(
            String key,
            Object value,
            long ttlMillis,
            long computedAt,
            long computeNanos,
            long version,
            @Nullable String token) {
        RemoteParts parts = remote;
        if (parts == null || version < 0) {
            return CompletableFuture.completedFuture(parts == null);
        }
        byte[] bytes = codec.encode(value, computedAt, computeNanos);
        if (bytes == null) {
            release(key, version, token);
            return CompletableFuture.completedFuture(false);
        }
        long px = lifetimes.redisTtlMillis(lifetimes.effectiveTtlMillis(key, computedAt, ttlMillis));
        byte[] valueKey = parts.keyspace().value(key, version);
        if (token != null) {
            return parts.tier().fill(valueKey, parts.keyspace().lease(key, version), token, bytes, px);
        }
        return parts.tier().set(valueKey, bytes, px);
    }

    private void release(String key, long version, @Nullable String token) {
        RemoteParts parts = remote;
        if (token != null && parts != null) {
            CompletableFuture<Boolean> unused =
                    parts.tier().release(parts.keyspace().lease(key, version), token);
        }
    }

    /** Starts one background refresh of {@code key}, unless one is running. */
    void refreshInBackground(Request request, boolean early) {
        String key = request.key();
        Flight refresh = new Flight(local.epoch(), null);
        if (refreshes.putIfAbsent(key, refresh) != null) {
            return;
        }
        counters.refreshes.increment();
        if (early) {
            counters.earlyRefreshes.increment();
        }
        try {
            executor.execute(() -> runRefresh(request, refresh));
        } catch (RejectedExecutionException e) {
            refreshes.remove(key, refresh);
            counters.refreshFailures.increment();
        }
    }

    private void runRefresh(Request request, Flight refresh) {
        String key = request.key();
        CompletableFuture<?> done;
        try {
            RemoteParts parts = remote;
            long version = parts != null && parts.namespace().known()
                    ? parts.namespace().current()
                    : -1;
            if (lease && parts != null && version >= 0) {
                String token = newToken();
                done = parts.tier()
                        .acquireLease(
                                parts.keyspace().value(key, version),
                                parts.keyspace().lease(key, version),
                                token,
                                leaseTtlMillis,
                                false)
                        .thenComposeAsync(
                                reply -> {
                                    if (reply.kind == LeaseReply.Kind.ACQUIRED) {
                                        counters.leasesAcquired.increment();
                                        return callLoader(request, refresh, null, version, token);
                                    }
                                    if (reply.kind == LeaseReply.Kind.UNAVAILABLE) {
                                        return callLoader(request, refresh, null, version, null);
                                    }
                                    return CompletableFuture.completedFuture(null);
                                },
                                executor);
            } else {
                done = callLoader(request, refresh, null, version, null);
            }
        } catch (RuntimeException | Error e) {
            done = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = done.whenComplete((answer, error) -> {
            refreshes.remove(key, refresh);
            if (error != null) {
                counters.refreshFailures.increment();
            }
        });
    }

    private RemoteParts requireRemote() {
        RemoteParts parts = remote;
        if (parts == null) {
            throw new IllegalStateException("no Redis tier");
        }
        return parts;
    }

    private String newToken() {
        return source + ':' + tokens.incrementAndGet();
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException || current instanceof ExecutionException) {
            Throwable cause = current.getCause();
            if (cause == null) {
                break;
            }
            current = cause;
        }
        return current;
    }
}
