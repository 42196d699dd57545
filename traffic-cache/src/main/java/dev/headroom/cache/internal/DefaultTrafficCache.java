package dev.headroom.cache.internal;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.cache.AsyncCacheLoader;
import dev.headroom.cache.BulkCacheLoader;
import dev.headroom.cache.CacheLoadException;
import dev.headroom.cache.CacheLoader;
import dev.headroom.cache.CacheOutcome;
import dev.headroom.cache.CacheResult;
import dev.headroom.cache.CacheStats;
import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/** The {@link TrafficCache} the builder makes; see the interface for what it guarantees. */
public final class DefaultTrafficCache<V> implements TrafficCache<V> {

    private static final Duration MIN_TTL = Duration.ofMillis(1);

    private final String name;
    private final TrafficCacheConfig config;
    private final Ticker ticker;
    private final Counters counters = new Counters();
    private final String source = UUID.randomUUID().toString();
    private final Executor executor;
    private final @Nullable ExecutorService ownedExecutor;
    private final LocalTier local;
    private final Entries entries;
    private final Flights flights;
    private final WriteBack writeBack;
    private final Resolver resolver;
    private final BulkReads bulk;
    private final @Nullable HeadroomRedis redis;
    private final boolean ownsRedis;
    private final @Nullable Remote remote;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The Redis side: present when the cache has a Redis tier. */
    private record Remote(
            RedisTier tier, Keyspace keyspace, NamespaceVersion namespace, InvalidationBus bus, long leaseTtlMillis) {}

    /**
     * Wires a cache from what its builder collected.
     *
     * @param parts the builder's settings
     */
    public DefaultTrafficCache(CacheParts<V> parts) {
        this.name = parts.name();
        this.config = parts.config();
        Scheduler scheduler = parts.scheduler();
        this.ticker = scheduler.ticker();
        Executor given = parts.executor();
        this.ownedExecutor = given == null ? CacheThreads.create(name) : null;
        this.executor = given != null ? given : requireOwned(ownedExecutor);
        this.redis = parts.redis();
        this.ownsRedis = parts.ownsRedis();
        ToIntFunction<Object> weigher = weigher(parts.weigher());
        // Caffeine's maintenance task is a ForkJoinTask, submitted to the common pool without a
        // wrapper; a given executor (Runnable::run in tests) is used as given.
        this.local = new LocalTier(
                config,
                ticker,
                given != null ? given : ForkJoinPool.commonPool(),
                counters,
                parts.weigher() == null ? null : weigher::applyAsInt,
                parts.maximumWeight());
        EarlyRefresh early = new EarlyRefresh(config.earlyRefreshBeta(), parts.random());
        Lifetimes lifetimes = new Lifetimes(config, redis != null, early);
        ValueCodec<V> codec = new ValueCodec<>(parts.codec(), config.compressAbove(), counters);
        this.entries = new Entries(
                lifetimes,
                ticker,
                weigher,
                config.negativeTtl().map(Duration::toMillis).orElse(0L));
        this.flights = new Flights(name, counters);
        HeadroomRedis handle = redis;
        RedisSide side = null;
        if (handle != null) {
            CircuitBreaker breaker = parts.breaker() != null
                    ? parts.breaker()
                    : CircuitBreaker.of("cache-" + name + "-redis", config.redisBreaker(), ticker);
            RedisTier tier = new RedisTier(handle, breaker, counters, ticker, name);
            Keyspace keyspace = new Keyspace(name);
            NamespaceVersion namespace = new NamespaceVersion(
                    tier,
                    keyspace.namespace(),
                    config.namespaceCheckInterval().toNanos(),
                    ticker.nanoTime(),
                    this::resetLocal);
            InvalidationBus bus = new InvalidationBus(
                    handle,
                    keyspace.channel(),
                    source,
                    new Receiver(),
                    executor,
                    config.namespaceCheckInterval(),
                    ticker.nanoTime());
            this.remote =
                    new Remote(tier, keyspace, namespace, bus, config.leaseTtl().toMillis());
            side = new RedisSide(tier, keyspace, namespace, () -> bus.maybeReconnect(ticker.nanoTime()));
        } else {
            this.remote = null;
        }
        this.writeBack = new WriteBack(side, codec, lifetimes);
        LoaderStep loader = new LoaderStep(name, ticker, local, entries, counters, writeBack);
        LeaseProtocol lease = side != null && config.lease()
                ? new LeaseProtocol(
                        side,
                        scheduler,
                        counters,
                        config.leaseTtl().toMillis(),
                        config.leaseWait().toNanos(),
                        source)
                : null;
        Refresher refresher = new Refresher(flights, local, counters, executor, loader, side, lease);
        TierReads reads = new TierReads(new Freshness(early), entries, codec, local, flights, refresher, counters);
        this.resolver = new Resolver(ticker, local, counters, flights, reads, loader, side, lease);
        this.bulk = new BulkReads(ticker, local, counters, flights, reads, entries, writeBack, side);
        Remote started = remote;
        if (started != null) {
            started.namespace().refresh(ticker.nanoTime()).join();
            started.bus().start(Duration.ofSeconds(2));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TrafficCacheConfig config() {
        return config;
    }

    @Override
    public V getOrSet(String key, Duration ttl, CacheLoader<? extends V> loader) {
        checkTtl(ttl);
        Object value = local.hotValue(key);
        if (value != null && value != Absent.INSTANCE) {
            counters.memoryHits.increment();
            return cast(value);
        }
        return cast(resolveBlocking(request(key, ttl, blocking(loader), false)).value());
    }

    @Override
    public CacheResult<V> getOrSetResult(String key, Duration ttl, CacheLoader<? extends V> loader) {
        checkTtl(ttl);
        Object value = local.hotValue(key);
        if (value != null && value != Absent.INSTANCE) {
            counters.memoryHits.increment();
            return new CacheResult<>(cast(value), CacheOutcome.HIT_MEMORY);
        }
        Resolution resolution = resolveBlocking(request(key, ttl, blocking(loader), false));
        return new CacheResult<>(cast(resolution.value()), resolution.outcome());
    }

    @Override
    public CompletableFuture<CacheResult<V>> getOrSetAsync(
            String key, Duration ttl, AsyncCacheLoader<? extends V> loader) {
        checkTtl(ttl);
        Object value = local.hotValue(key);
        if (value != null && value != Absent.INSTANCE) {
            counters.memoryHits.increment();
            return CompletableFuture.completedFuture(new CacheResult<>(cast(value), CacheOutcome.HIT_MEMORY));
        }
        Request request = request(key, ttl, () -> loader.load().thenApply(loaded -> (@Nullable Object) loaded), false);
        CompletableFuture<CacheResult<V>> answer = new CompletableFuture<>();
        CompletableFuture<?> unused = resolver.resolve(request, executor, false).whenComplete((resolution, error) -> {
            if (error != null) {
                answer.completeExceptionally(translate(key, Failures.unwrap(error)));
            } else {
                answer.complete(new CacheResult<>(cast(resolution.value()), resolution.outcome()));
            }
        });
        return answer;
    }

    @Override
    public Optional<V> getOrSetOptional(String key, Duration ttl, CacheLoader<Optional<V>> loader) {
        checkTtl(ttl);
        Object value = local.hotValue(key);
        if (value != null) {
            counters.memoryHits.increment();
            return optional(value);
        }
        return optional(
                resolveBlocking(request(key, ttl, optionalLoad(loader), true)).value());
    }

    @Override
    public CacheResult<Optional<V>> getOrSetOptionalResult(String key, Duration ttl, CacheLoader<Optional<V>> loader) {
        checkTtl(ttl);
        Object value = local.hotValue(key);
        if (value != null) {
            counters.memoryHits.increment();
            return new CacheResult<>(optional(value), CacheOutcome.HIT_MEMORY);
        }
        Resolution resolution = resolveBlocking(request(key, ttl, optionalLoad(loader), true));
        return new CacheResult<>(optional(resolution.value()), resolution.outcome());
    }

    @Override
    public Map<String, V> getOrSetAll(Collection<String> keys, Duration ttl, BulkCacheLoader<? extends V> loader) {
        checkTtl(ttl);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        for (String key : distinct) {
            RedisKeys.requireValid("cache key", key);
        }
        BulkReads.Answer answer = bulk.read(distinct, ttlMillis(ttl), loader);
        Throwable failure = answer.failure();
        if (failure != null) {
            String failed = distinct.stream()
                    .filter(key -> !answer.resolved().containsKey(key))
                    .findFirst()
                    .orElse(distinct.get(0));
            throw translate(failed, failure);
        }
        Map<String, V> values = new LinkedHashMap<>();
        answer.resolved().forEach((key, resolution) -> {
            if (resolution.value() != Absent.INSTANCE) {
                values.put(key, cast(resolution.value()));
            }
        });
        return values;
    }

    @Override
    public boolean put(String key, V value, Duration ttl) {
        RedisKeys.requireValid("cache key", key);
        checkTtl(ttl);
        long ttlMillis = ttlMillis(ttl);
        flights.discard(key);
        long computedAt = ticker.wallMillis();
        local.store(key, entries.computed(key, value, ttlMillis, computedAt, 0, local.epoch()));
        Remote parts = remote;
        if (parts == null) {
            return true;
        }
        if (!parts.namespace().known()) {
            return false;
        }
        long version = parts.namespace().current();
        if (config.lease()) {
            // Mark the lease first (same connection, so Redis runs it first), so that a load in
            // flight cannot overwrite the value put here.
            CompletableFuture<Boolean> unused = parts.tier()
                    .invalidateLeased(
                            parts.keyspace().value(key, version),
                            parts.keyspace().lease(key, version),
                            parts.leaseTtlMillis());
        }
        boolean written = writeBack
                .write(key, value, ttlMillis, computedAt, 0, version, null)
                .join();
        return written && publish(parts, InvalidationMessage.ofKey(source, version, key));
    }

    @Override
    public boolean warm(Map<String, ? extends V> values, Duration ttl) {
        checkTtl(ttl);
        values.keySet().forEach(key -> RedisKeys.requireValid("cache key", key));
        long ttlMillis = ttlMillis(ttl);
        long computedAt = ticker.wallMillis();
        int epoch = local.epoch();
        Remote parts = remote;
        long version =
                parts != null && parts.namespace().known() ? parts.namespace().current() : -1;
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(values.size());
        values.forEach((key, value) -> {
            local.store(key, entries.computed(key, value, ttlMillis, computedAt, 0, epoch));
            writes.add(writeBack.write(key, value, ttlMillis, computedAt, 0, version, null));
        });
        boolean all = true;
        for (CompletableFuture<Boolean> write : writes) {
            all &= write.join();
        }
        return all;
    }

    @Override
    public boolean invalidate(String key) {
        RedisKeys.requireValid("cache key", key);
        flights.discard(key);
        local.invalidate(key);
        Remote parts = remote;
        if (parts == null) {
            return true;
        }
        if (!parts.namespace().known()) {
            return false;
        }
        long version = parts.namespace().current();
        byte[] valueKey = parts.keyspace().value(key, version);
        boolean removed = (config.lease()
                        ? parts.tier()
                                .invalidateLeased(
                                        valueKey, parts.keyspace().lease(key, version), parts.leaseTtlMillis())
                        : parts.tier().delete(valueKey))
                .join();
        // Fetches that read Redis before the removal must not store what they read.
        flights.discard(key);
        local.invalidate(key);
        return removed && publish(parts, InvalidationMessage.ofKey(source, version, key));
    }

    @Override
    public boolean invalidateAll() {
        resetLocal();
        Remote parts = remote;
        if (parts == null) {
            return true;
        }
        long version = parts.tier().increment(parts.keyspace().namespace()).join();
        if (version < 0) {
            return false;
        }
        parts.namespace().advanced(version);
        return publish(parts, InvalidationMessage.ofNamespace(source, version));
    }

    @Override
    public CacheStats stats() {
        return counters.snapshot(local.size(), degraded());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Remote parts = remote;
        if (parts != null) {
            parts.bus().close();
        }
        ExecutorService owned = ownedExecutor;
        if (owned != null) {
            owned.shutdown();
        }
        HeadroomRedis handle = redis;
        if (ownsRedis && handle != null) {
            handle.close();
        }
    }

    @Override
    public String toString() {
        return "TrafficCache[" + name + (remote == null ? ", local only" : ", " + redis) + ']';
    }

    private boolean degraded() {
        Remote parts = remote;
        return parts != null && (parts.tier().degraded() || !parts.namespace().known());
    }

    private void resetLocal() {
        local.reset();
        flights.discardAll();
    }

    private boolean publish(Remote parts, InvalidationMessage message) {
        return parts.tier()
                .publish(parts.keyspace().channel(), message.encode())
                .join();
    }

    private Resolution resolveBlocking(Request request) {
        CallerExecutor caller = new CallerExecutor();
        CompletableFuture<Resolution> answer = caller.await(resolver.resolve(request, caller, true));
        try {
            return answer.join();
        } catch (CompletionException | CancellationException e) {
            throw translate(request.key(), Failures.unwrap(e));
        }
    }

    /** The loader's unchecked exception unchanged; a checked one, or an interrupt, wrapped. */
    private RuntimeException translate(String key, Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            return unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new CacheLoadException(name, key, "the loader failed: " + failure, failure);
    }

    private Request request(String key, Duration ttl, Request.Load load, boolean optional) {
        RedisKeys.requireValid("cache key", key);
        return new Request(key, ttlMillis(ttl), load, optional);
    }

    private static Request.Load blocking(CacheLoader<?> loader) {
        return () -> CompletableFuture.<@Nullable Object>completedFuture(loader.load());
    }

    private static <V> Request.Load optionalLoad(CacheLoader<Optional<V>> loader) {
        return () -> {
            Optional<V> loaded = loader.load();
            @Nullable
            Object value = loaded == null
                    ? null
                    : loaded.<Object>map(present -> present).orElse(Absent.INSTANCE);
            return CompletableFuture.completedFuture(value);
        };
    }

    private Optional<V> optional(Object value) {
        return value == Absent.INSTANCE ? Optional.empty() : Optional.of(cast(value));
    }

    @SuppressWarnings("unchecked") // The local tier and the codec hold only values of type V, or Absent.
    private V cast(Object value) {
        return (V) value;
    }

    private ToIntFunction<Object> weigher(@Nullable ToIntFunction<? super V> weigher) {
        if (weigher == null) {
            return value -> 1;
        }
        return value -> value == Absent.INSTANCE ? 1 : Math.max(0, weigher.applyAsInt(cast(value)));
    }

    private static void checkTtl(Duration ttl) {
        if (ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms: " + ttl);
        }
    }

    private static long ttlMillis(Duration ttl) {
        return ttl.toSeconds() >= Lifetimes.MAX_MILLIS / 1000 ? Lifetimes.MAX_MILLIS : ttl.toMillis();
    }

    private static Executor requireOwned(@Nullable ExecutorService owned) {
        if (owned == null) {
            throw new IllegalStateException("no executor");
        }
        return owned;
    }

    /** Applies other instances' invalidations; runs on a Redis I/O thread. */
    private final class Receiver implements InvalidationBus.Receiver {
        @Override
        public void onMessage(InvalidationMessage message) {
            Remote parts = remote;
            if (message.wholeNamespace()) {
                if (parts == null || !parts.namespace().announced(message.version())) {
                    resetLocal();
                }
            } else {
                flights.discard(message.key());
                local.invalidate(message.key());
            }
            counters.invalidationsReceived.increment();
        }

        @Override
        public void onResubscribed() {
            resetLocal();
        }
    }
}
