package dev.headroom.cache.internal;

import dev.headroom.cache.BulkCacheLoader;
import dev.headroom.cache.CacheOutcome;
import dev.headroom.core.Ticker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * {@code getOrSetAll}: the local tier, then one {@code MGET} for the keys it lacks, then one bulk
 * loader call for the rest, whose values are written with pipelined commands (all sent before any
 * reply is awaited). Each copy found is judged as a single read judges it ({@link TierReads}).
 * Keys another read in this process is fetching are waited for, not fetched again; keys fetched
 * here are visible to concurrent single-key reads as fetches in flight.
 */
final class BulkReads {

    private final Ticker ticker;
    private final LocalTier local;
    private final Counters counters;
    private final Flights flights;
    private final TierReads reads;
    private final Entries entries;
    private final WriteBack writeBack;
    private final @Nullable RedisSide redis;

    BulkReads(
            Ticker ticker,
            LocalTier local,
            Counters counters,
            Flights flights,
            TierReads reads,
            Entries entries,
            WriteBack writeBack,
            @Nullable RedisSide redis) {
        this.ticker = ticker;
        this.local = local;
        this.counters = counters;
        this.flights = flights;
        this.reads = reads;
        this.entries = entries;
        this.writeBack = writeBack;
        this.redis = redis;
    }

    /** A bulk read's answer: what each key resolved to, and the load failure if some key had nothing. */
    record Answer(
            Map<String, Resolution> resolved, @Nullable Throwable failure) {}

    /** One bulk read's keys, in the state each reached. */
    private static final class Batch {
        final Map<String, Resolution> resolved = new LinkedHashMap<>();
        final Map<String, Request> requests = new LinkedHashMap<>();
        final Map<String, Flight> owned = new LinkedHashMap<>();
        final Map<String, Flight> waiting = new LinkedHashMap<>();
        final Map<String, LocalEntry> known = new LinkedHashMap<>();
        final Map<String, LocalEntry> fallbacks = new LinkedHashMap<>();
    }

    Answer read(List<String> keys, long ttlMillis, BulkCacheLoader<?> loader) {
        Batch batch = new Batch();
        Throwable failure = null;
        try {
            claim(keys, ttlMillis, loader, batch);
            failure = loadAll(readRemote(batch), loader, batch);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            for (Map.Entry<String, Flight> flight : batch.owned.entrySet()) {
                flights.leave(flight.getKey(), flight.getValue());
                Resolution resolution = batch.resolved.get(flight.getKey());
                if (resolution != null) {
                    flight.getValue().result.complete(resolution);
                } else {
                    flight.getValue()
                            .result
                            .completeExceptionally(failure != null ? failure : new IllegalStateException("not loaded"));
                }
            }
        }
        for (Map.Entry<String, Flight> flight : batch.waiting.entrySet()) {
            try {
                batch.resolved.put(
                        flight.getKey(), flight.getValue().result.get().shared());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : Failures.unwrap(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : e;
            }
        }
        Map<String, Resolution> ordered = new LinkedHashMap<>();
        for (String key : keys) {
            Resolution resolution = batch.resolved.get(key);
            if (resolution != null) {
                ordered.put(key, resolution);
            }
        }
        return new Answer(ordered, ordered.size() == keys.size() ? null : failure);
    }

    /** Answers what the local tier may serve; takes the fetch of the other keys or joins the one running. */
    private void claim(List<String> keys, long ttlMillis, BulkCacheLoader<?> loader, Batch batch) {
        long now = ticker.nanoTime();
        for (String key : keys) {
            Request request = new Request(key, ttlMillis, single(key, loader), true);
            batch.requests.put(key, request);
            LocalEntry entry = local.entry(key);
            Resolution fromMemory = reads.fromMemory(request, entry, now);
            if (fromMemory != null) {
                batch.resolved.put(key, fromMemory);
                continue;
            }
            if (entry != null) {
                batch.known.put(key, entry);
            }
            counters.memoryMisses.increment();
            Flight mine = new Flight(local.epoch(), Thread.currentThread());
            Flight flight = flights.join(key, mine);
            if (flight == mine) {
                batch.owned.put(key, mine);
            } else {
                batch.waiting.put(key, flight);
            }
        }
    }

    /** The keys Redis could not answer, and the namespace version they were read under (-1: none). */
    private record Pending(List<String> toLoad, long version) {}

    /** Answers what the tiers may serve; returns the keys left to load. */
    private Pending readRemote(Batch batch) {
        List<String> keys = new ArrayList<>(batch.owned.keySet());
        RedisSide side = redis;
        List<RedisRead> found = null;
        long version = -1;
        if (side != null && !keys.isEmpty()) {
            version = side.readVersion(ticker.nanoTime()).join();
            if (version >= 0) {
                List<byte[]> redisKeys = new ArrayList<>(keys.size());
                for (String key : keys) {
                    redisKeys.add(side.valueKey(key, version));
                }
                found = side.tier().getAll(redisKeys).join();
            } else {
                found = Collections.nCopies(keys.size(), RedisRead.UNAVAILABLE);
            }
        }
        List<String> toLoad = new ArrayList<>();
        long now = ticker.nanoTime();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Request request = batch.requests.get(key);
            Flight flight = batch.owned.get(key);
            if (request == null || flight == null) {
                continue;
            }
            RedisRead read = found == null ? null : found.get(i);
            TierReads.Next next = reads.afterRedis(request, flight, batch.known.get(key), read, now);
            Resolution answer = next.answer();
            if (answer != null) {
                batch.resolved.put(key, answer);
                continue;
            }
            LocalEntry fallback = next.fallback();
            if (fallback != null) {
                batch.fallbacks.put(key, fallback);
            }
            toLoad.add(key);
        }
        return new Pending(toLoad, version);
    }

    private @Nullable Throwable loadAll(Pending pending, BulkCacheLoader<?> loader, Batch batch) {
        List<String> toLoad = pending.toLoad();
        if (toLoad.isEmpty()) {
            return null;
        }
        long version = pending.version();
        long start = ticker.nanoTime();
        Map<String, ?> loaded;
        try {
            loaded = loader.loadAll(new LinkedHashSet<>(toLoad));
            if (loaded == null) {
                throw new IllegalStateException("the bulk loader returned null");
            }
        } catch (Exception e) {
            counters.load(false, ticker.nanoTime() - start);
            for (String key : toLoad) {
                LocalEntry old = batch.fallbacks.get(key);
                if (old != null) {
                    counters.staleOnError.increment();
                    batch.resolved.put(key, new Resolution(old.value, CacheOutcome.STALE_ERROR));
                }
            }
            return e;
        }
        long elapsed = ticker.nanoTime() - start;
        counters.load(true, elapsed);
        long computedAt = ticker.wallMillis();
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (String key : toLoad) {
            Object value = loaded.get(key);
            Object stored = value == null ? Absent.INSTANCE : value;
            Request request = batch.requests.get(key);
            Flight flight = batch.owned.get(key);
            if (request == null || flight == null) {
                continue;
            }
            batch.resolved.put(key, new Resolution(stored, CacheOutcome.MISS_LOADED));
            if (!entries.accepts(request, stored) || flight.discarded || flight.epoch != local.epoch()) {
                continue;
            }
            long ttl = entries.ttlFor(request.ttlMillis(), stored);
            local.store(key, entries.computed(key, stored, ttl, computedAt, elapsed, flight.epoch));
            writes.add(writeBack.write(key, stored, ttl, computedAt, elapsed, version, null));
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
        return null;
    }

    /** The loader of one key, for a background refresh of a bulk-read value. */
    private static Request.Load single(String key, BulkCacheLoader<?> loader) {
        return () -> {
            Object value = loader.loadAll(Set.of(key)).get(key);
            return CompletableFuture.completedFuture(value == null ? Absent.INSTANCE : value);
        };
    }
}
