package dev.headroom.cache.internal;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.internal.redis.GuardedRedis;
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
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/** The {@link TrafficCache} the builder makes; see the interface for what it guarantees. */
final class DefaultTrafficCache<V> implements TrafficCache<V> {

    private static final Duration MIN_TTL = Duration.ofMillis(1);

    private final String name;
    private final TrafficCacheConfig config;
    private final Ticker ticker;
    private final Counters counters = new Counters();
    private final Executor executor;
    private final LocalTier local;
    private final Resolver resolver;
    private final BulkReads bulk;
    private final Writes writes;
    private final Invalidations invalidations;
    private final @Nullable HeadroomRedis redis;
    private final boolean ownsRedis;
    private final @Nullable RedisSide remote;
    private final @Nullable InvalidationBus bus;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wires a cache from what its builder collected.
     *
     * @param parts the builder's settings
     */
    DefaultTrafficCache(CacheParts<V> parts) {
        this.name = parts.name();
        this.config = parts.config();
        Scheduler scheduler = parts.scheduler();
        this.ticker = scheduler.ticker();
        Executor given = parts.executor();
        this.executor = given != null ? given : DefaultExecutor.shared();
        this.redis = parts.redis();
        this.ownsRedis = parts.ownsRedis();
        String source = UUID.randomUUID().toString();
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
        Flights flights = new Flights(name, counters);
        EarlyRefresh early = new EarlyRefresh(config.earlyRefreshBeta(), parts.random());
        Lifetimes lifetimes = new Lifetimes(config, redis != null, early);
        ValueCodec<V> codec = new ValueCodec<>(parts.codec(), config.compressAbove(), counters);
        Entries entries =
                new Entries(lifetimes, ticker, weigher, config.negativeTtl().toMillis());
        LocalTier tier = local;
        Runnable resetLocal = () -> {
            tier.reset();
            flights.discardAll();
        };
        HeadroomRedis handle = redis;
        this.remote = handle == null ? null : redisSide(handle, parts.breaker(), resetLocal);
        RedisSide side = remote;
        this.invalidations = new Invalidations(
                local,
                flights,
                counters,
                side,
                resetLocal,
                config.lease(),
                config.leaseTtl().toMillis(),
                source);
        WriteBack writeBack = new WriteBack(side, codec, lifetimes);
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
        this.writes = new Writes(ticker, local, entries, writeBack, invalidations, side);
        if (handle != null && side != null) {
            side.namespace().refresh(ticker.nanoTime()).join();
            this.bus = InvalidationBus.start(
                    handle, side.keyspace().channel(), source, invalidations, scheduler, executor);
        } else {
            this.bus = null;
        }
    }

    private RedisSide redisSide(HeadroomRedis handle, @Nullable CircuitBreaker given, Runnable resetLocal) {
        CircuitBreaker breaker =
                given != null ? given : CircuitBreaker.of("redis:cache:" + name, config.redisBreaker(), ticker);
        RedisTier tier = new RedisTier(handle, GuardedRedis.of("cache", name, breaker));
        Keyspace keyspace = new Keyspace(name);
        NamespaceVersion namespace = new NamespaceVersion(
                tier, keyspace.namespace(), config.namespaceCheckInterval().toNanos(), ticker.nanoTime(), resetLocal);
        return new RedisSide(tier, keyspace, namespace);
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
        checkRead(key, ttl, loader);
        Object value = local.hotValue(key);
        if (value != null && value != Absent.INSTANCE) {
            counters.memoryHits.increment();
            return cast(value);
        }
        return cast(resolveBlocking(request(key, ttl, blocking(loader), false)).value());
    }

    @Override
    public CacheResult<V> getOrSetResult(String key, Duration ttl, CacheLoader<? extends V> loader) {
        checkRead(key, ttl, loader);
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
        checkRead(key, ttl, loader);
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
        checkRead(key, ttl, loader);
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
        checkRead(key, ttl, loader);
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
        Objects.requireNonNull(keys, "keys");
        checkRead(keys, ttl, loader);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        for (String key : distinct) {
            if (key == null) {
                throw new NullPointerException("keys: contains null");
            }
            checkKey(key);
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
        checkKey(key);
        Objects.requireNonNull(value, "value");
        checkTtl(ttl);
        return writes.put(key, value, ttlMillis(ttl));
    }

    @Override
    public boolean warm(Map<String, ? extends V> values, Duration ttl) {
        Objects.requireNonNull(values, "values");
        checkTtl(ttl);
        // Every entry is checked before any is stored.
        values.forEach((key, value) -> {
            checkKey(key);
            if (value == null) {
                throw new NullPointerException("values: the value of key '" + key + "' is null");
            }
        });
        return writes.warm(values, ttlMillis(ttl));
    }

    @Override
    public boolean invalidate(String key) {
        checkKey(key);
        return invalidations.invalidate(key);
    }

    @Override
    public boolean invalidateAll() {
        return invalidations.invalidateAll();
    }

    /** The guard of the Redis tier, whose failures are published as the shared Redis failure meter. */
    @Nullable
    GuardedRedis redisGuard() {
        RedisSide side = remote;
        return side == null ? null : side.tier().guard();
    }

    @Override
    public CacheStats stats() {
        GuardedRedis guard = redisGuard();
        return counters.snapshot(
                guard == null ? 0 : guard.failures(), guard == null ? 0 : guard.refusals(), local.size(), degraded());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        InvalidationBus subscription = bus;
        if (subscription != null) {
            subscription.close();
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
        RedisSide side = remote;
        return side != null && (side.tier().degraded() || !side.namespace().known());
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
        checkKey(key);
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

    /** The checks of every read, before the hit path: the key itself is checked on a miss. */
    private static void checkRead(Object key, Duration ttl, Object loader) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        checkTtl(ttl);
    }

    /** The one rule for user keys, the same whatever the tiers; see {@link TrafficCache#getOrSet}. */
    private static void checkKey(String key) {
        RedisKeys.requireValid("cache key", Objects.requireNonNull(key, "key"));
    }

    private static void checkTtl(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(MIN_TTL) < 0) {
            throw new IllegalArgumentException("ttl must be at least 1 ms: " + ttl);
        }
    }

    private static long ttlMillis(Duration ttl) {
        return ttl.toSeconds() >= Lifetimes.MAX_MILLIS / 1000 ? Lifetimes.MAX_MILLIS : ttl.toMillis();
    }
}
