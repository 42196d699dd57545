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
 * reply is awaited). Keys another read in this process is fetching are waited for, not fetched
 * again; keys fetched here are visible to concurrent single-key reads as fetches in flight.
 */
final class BulkReads {

    private final Resolver resolver;
    private final LocalTier local;
    private final ValueCodec<?> codec;
    private final Counters counters;
    private final Ticker ticker;

    BulkReads(Resolver resolver, LocalTier local, ValueCodec<?> codec, Counters counters, Ticker ticker) {
        this.resolver = resolver;
        this.local = local;
        this.codec = codec;
        this.counters = counters;
        this.ticker = ticker;
    }

    /** A bulk read's answer: what each key resolved to, and the load failure if some key had nothing. */
    record Answer(
            Map<String, Resolution> resolved, @Nullable Throwable failure) {}

    Answer read(List<String> keys, long ttlMillis, BulkCacheLoader<?> loader) {
        Map<String, Resolution> resolved = new LinkedHashMap<>();
        Map<String, Request> requests = new LinkedHashMap<>();
        Map<String, Flight> owned = new LinkedHashMap<>();
        Map<String, Flight> waiting = new LinkedHashMap<>();
        Map<String, LocalEntry> known = new LinkedHashMap<>();
        long now = ticker.nanoTime();
        for (String key : keys) {
            Request request = new Request(key, ttlMillis, single(key, loader), true);
            requests.put(key, request);
            LocalEntry entry = local.entry(key);
            if (entry != null && resolver.accepts(request, entry.value)) {
                if (now < entry.trustedUntil) {
                    counters.memoryHits.increment();
                    resolved.put(key, new Resolution(entry.value, CacheOutcome.HIT_MEMORY));
                    continue;
                }
                known.put(key, entry);
            }
            counters.memoryMisses.increment();
            Flight mine = new Flight(local.epoch(), Thread.currentThread());
            Flight flight = resolver.join(key, mine);
            if (flight == mine) {
                owned.put(key, mine);
            } else {
                counters.sharedLoads.increment();
                waiting.put(key, flight);
            }
        }
        Throwable failure = null;
        try {
            Map<String, LocalEntry> stale = new LinkedHashMap<>();
            Pending pending = readRemote(owned, requests, known, stale, resolved);
            failure = loadAll(pending, loader, owned, requests, stale, resolved);
        } finally {
            for (Map.Entry<String, Flight> flight : owned.entrySet()) {
                resolver.leave(flight.getKey(), flight.getValue());
                Resolution resolution = resolved.get(flight.getKey());
                if (resolution != null) {
                    flight.getValue().result.complete(resolution);
                } else {
                    flight.getValue()
                            .result
                            .completeExceptionally(failure != null ? failure : new IllegalStateException("not loaded"));
                }
            }
        }
        for (Map.Entry<String, Flight> flight : waiting.entrySet()) {
            try {
                resolved.put(flight.getKey(), flight.getValue().result.get().shared());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : Resolver.unwrap(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : e;
            }
        }
        Map<String, Resolution> ordered = new LinkedHashMap<>();
        for (String key : keys) {
            Resolution resolution = resolved.get(key);
            if (resolution != null) {
                ordered.put(key, resolution);
            }
        }
        return new Answer(ordered, ordered.size() == keys.size() ? null : failure);
    }

    /** The keys Redis could not answer, and the namespace version they were read under (-1: none). */
    private record Pending(List<String> toLoad, long version) {}

    /** Answers what Redis has fresh; returns the keys left to load. */
    private Pending readRemote(
            Map<String, Flight> owned,
            Map<String, Request> requests,
            Map<String, LocalEntry> known,
            Map<String, LocalEntry> stale,
            Map<String, Resolution> resolved) {
        List<String> keys = new ArrayList<>(owned.keySet());
        Resolver.RemoteParts parts = resolver.remote;
        List<RedisRead> reads;
        long version = -1;
        if (parts == null || keys.isEmpty()) {
            reads = null;
        } else {
            parts.onRedisRead().run();
            parts.namespace().refreshIfDue(ticker.nanoTime()).join();
            if (parts.namespace().known()) {
                version = parts.namespace().current();
                List<byte[]> redisKeys = new ArrayList<>(keys.size());
                for (String key : keys) {
                    redisKeys.add(parts.keyspace().value(key, version));
                }
                reads = parts.tier().getAll(redisKeys).join();
            } else {
                reads = Collections.nCopies(keys.size(), RedisRead.UNAVAILABLE);
            }
        }
        List<String> toLoad = new ArrayList<>();
        long now = ticker.nanoTime();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Request request = requests.get(key);
            Flight flight = owned.get(key);
            if (request == null || flight == null) {
                continue;
            }
            LocalEntry entry = known.get(key);
            RedisRead read = reads == null ? null : reads.get(i);
            if (read == null || read.kind == RedisRead.Kind.UNAVAILABLE) {
                if (read != null && entry != null && now < entry.freshUntil) {
                    counters.memoryHits.increment();
                    resolved.put(key, new Resolution(entry.value, CacheOutcome.HIT_MEMORY));
                    continue;
                }
                if (entry != null && now < entry.revalidateUntil) {
                    counters.staleRevalidating.increment();
                    resolver.refreshInBackground(request, false);
                    resolved.put(key, new Resolution(entry.value, CacheOutcome.STALE_REVALIDATING));
                    continue;
                }
            } else if (read.kind == RedisRead.Kind.VALUE && read.bytes != null) {
                ValueCodec.Decoded decoded = codec.decode(read.bytes);
                if (decoded != null && resolver.accepts(request, decoded.value())) {
                    LocalEntry found = resolver.entryOf(request, decoded, now, flight.epoch);
                    if (now < found.freshUntil) {
                        counters.redisHits.increment();
                        store(key, found, flight);
                        resolved.put(key, new Resolution(found.value, CacheOutcome.HIT_REDIS));
                        continue;
                    }
                    if (now < found.revalidateUntil) {
                        counters.redisMisses.increment();
                        counters.staleRevalidating.increment();
                        store(key, found, flight);
                        resolver.refreshInBackground(request, false);
                        resolved.put(key, new Resolution(found.value, CacheOutcome.STALE_REVALIDATING));
                        continue;
                    }
                    if (now < found.errorUntil) {
                        stale.put(key, found);
                    }
                }
                counters.redisMisses.increment();
            } else {
                counters.redisMisses.increment();
            }
            if (!stale.containsKey(key) && entry != null && now < entry.errorUntil) {
                stale.put(key, entry);
            }
            toLoad.add(key);
        }
        return new Pending(toLoad, version);
    }

    private @Nullable Throwable loadAll(
            Pending pending,
            BulkCacheLoader<?> loader,
            Map<String, Flight> owned,
            Map<String, Request> requests,
            Map<String, LocalEntry> stale,
            Map<String, Resolution> resolved) {
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
            Throwable failure = e;
            for (String key : toLoad) {
                LocalEntry old = stale.get(key);
                if (old != null) {
                    counters.staleOnError.increment();
                    resolved.put(key, new Resolution(old.value, CacheOutcome.STALE_ERROR));
                }
            }
            return failure;
        }
        long elapsed = ticker.nanoTime() - start;
        counters.load(true, elapsed);
        long computedAt = ticker.wallMillis();
        List<CompletableFuture<Boolean>> writes = new ArrayList<>();
        for (String key : toLoad) {
            Object value = loaded.get(key);
            Object stored = value == null ? Absent.INSTANCE : value;
            Request request = requests.get(key);
            Flight flight = owned.get(key);
            if (request == null || flight == null) {
                continue;
            }
            resolved.put(key, new Resolution(stored, CacheOutcome.MISS_LOADED));
            if (!resolver.accepts(request, stored) || flight.discarded || flight.epoch != local.epoch()) {
                continue;
            }
            long ttl = resolver.ttlFor(request, stored);
            local.store(key, resolver.loadedEntry(key, stored, ttl, computedAt, elapsed, flight.epoch));
            writes.add(resolver.write(key, stored, ttl, computedAt, elapsed, version, null));
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).join();
        return null;
    }

    private void store(String key, LocalEntry entry, Flight flight) {
        if (!flight.discarded) {
            local.store(key, entry);
        }
    }

    /** The loader of one key, for a background refresh of a stale bulk-read value. */
    private static Request.Load single(String key, BulkCacheLoader<?> loader) {
        return () -> {
            Object value = loader.loadAll(Set.of(key)).get(key);
            return CompletableFuture.completedFuture(value == null ? Absent.INSTANCE : value);
        };
    }
}
