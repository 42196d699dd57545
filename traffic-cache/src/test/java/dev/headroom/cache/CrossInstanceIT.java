package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several instances of one cache on one Redis: invalidation across local tiers, and the lease. */
@ExtendWith(RedisExtension.class)
class CrossInstanceIT {

    private static final Duration TTL = Duration.ofMinutes(1);

    private final ManualTicker ticker = new ManualTicker();
    private final List<TrafficCache<?>> caches = new CopyOnWriteArrayList<>();
    private HeadroomRedis redis;
    private String name;

    @BeforeEach
    void connect(TestRedis server) {
        redis = RedisTestSupport.connect(server.uri());
        name = TestRedis.uniquePrefix("cross");
    }

    @AfterEach
    void close() {
        caches.forEach(TrafficCache::close);
        redis.close();
    }

    private TrafficCache<String> instance(TrafficCacheConfig config) {
        return instance(config, redis);
    }

    private TrafficCache<String> instance(TrafficCacheConfig config, HeadroomRedis connection) {
        TrafficCache<String> cache = TrafficCache.builder(name, Codec.string())
                .config(config)
                .ticker(ticker)
                .redis(connection)
                .build();
        caches.add(cache);
        return cache;
    }

    private static TrafficCacheConfig.Builder config() {
        return TrafficCacheConfig.builder().ttlJitter(0).earlyRefreshBeta(0).localTtlCap(Duration.ofHours(1));
    }

    @Test
    void invalidatingOnOneInstanceDropsTheOthersLocalCopies() {
        TrafficCache<String> a = instance(config().build());
        TrafficCache<String> b = instance(config().build());
        a.getOrSet("k", TTL, () -> "v1");
        b.getOrSet("k", TTL, () -> "unused");
        assertThat(b.getOrSetResult("k", TTL, () -> "unused").header()).isEqualTo("HIT:memory");

        assertThat(a.invalidate("k")).isTrue();
        Await.until("b hears the invalidation", () -> b.stats().invalidationsReceived() == 1);

        assertThat(b.getOrSetResult("k", TTL, () -> "v2")).isEqualTo(new CacheResult<>("v2", CacheOutcome.MISS_LOADED));
        assertThat(a.getOrSetResult("k", TTL, () -> "unused"))
                .isEqualTo(new CacheResult<>("v2", CacheOutcome.HIT_REDIS));
        assertThat(a.stats().invalidationsReceived())
                .as("an instance ignores its own messages")
                .isZero();
    }

    @Test
    void putOnOneInstanceReplacesTheValueEverywhere() {
        TrafficCache<String> a = instance(config().build());
        TrafficCache<String> b = instance(config().build());
        b.getOrSet("k", TTL, () -> "old");

        assertThat(a.put("k", "new", TTL)).isTrue();
        Await.until("b hears the put", () -> b.stats().invalidationsReceived() == 1);

        assertThat(b.getOrSetResult("k", TTL, () -> "unused"))
                .isEqualTo(new CacheResult<>("new", CacheOutcome.HIT_REDIS));
    }

    @Test
    void invalidatingTheWholeCacheMovesEveryInstanceToANewNamespace() {
        TrafficCache<String> a = instance(config().build());
        TrafficCache<String> b = instance(config().build());
        for (String key : List.of("x", "y", "z")) {
            a.getOrSet(key, TTL, () -> "old-" + key);
            b.getOrSet(key, TTL, () -> "unused");
        }

        assertThat(a.invalidateAll()).isTrue();
        Await.until("b hears the invalidation", () -> b.stats().invalidationsReceived() == 1);

        for (String key : List.of("x", "y", "z")) {
            assertThat(b.getOrSetResult(key, TTL, () -> "new-" + key))
                    .isEqualTo(new CacheResult<>("new-" + key, CacheOutcome.MISS_LOADED));
        }
        assertThat(b.stats().localResets()).isEqualTo(1);
    }

    @Test
    void aNamespaceChangeWhoseMessageWasLostIsNoticedWithinTheCheckInterval() {
        TrafficCacheConfig config = config().localTtlCap(Duration.ofSeconds(5))
                .namespaceCheckInterval(Duration.ofSeconds(2))
                .build();
        TrafficCache<String> b = instance(config);
        b.getOrSet("k", TTL, () -> "old");
        // Another instance moved the version on, and its message never arrived.
        RedisPlumbing.of(redis).sync().incr(RedisKeys.bytes(RedisKeys.tagged("c:" + name, "ns")));

        assertThat(b.getOrSetResult("k", TTL, () -> "new").value()).isEqualTo("old");
        ticker.advance(Duration.ofSeconds(5)); // past the cap and the check interval

        assertThat(b.getOrSetResult("k", TTL, () -> "new"))
                .isEqualTo(new CacheResult<>("new", CacheOutcome.MISS_LOADED));
        assertThat(b.stats().localResets()).isEqualTo(1);
    }

    @Test
    void withTheLeaseFourInstancesMakeOneLoaderCallBetweenThem() throws Exception {
        TrafficCacheConfig config =
                config().lease(true).leaseWait(Duration.ofSeconds(10)).build();
        List<TrafficCache<String>> fleet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fleet.add(instance(config));
        }
        AtomicInteger calls = new AtomicInteger();
        CacheLoader<String> loader = () -> {
            calls.incrementAndGet();
            // Hold the load until a read on every instance has asked Redis and is waiting.
            Await.until(
                    "every instance misses",
                    () -> fleet.stream().allMatch(cache -> cache.stats().memoryMisses() >= 1));
            return "loaded once";
        };
        int threadsPerInstance = 25;
        ExecutorService pool = Executors.newFixedThreadPool(4 * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CacheResult<String>>> reads = new ArrayList<>();
        try {
            for (TrafficCache<String> cache : fleet) {
                for (int t = 0; t < threadsPerInstance; t++) {
                    reads.add(pool.submit(() -> {
                        start.await();
                        return cache.getOrSetResult("hot", TTL, loader);
                    }));
                }
            }
            start.countDown();
            List<CacheResult<String>> results = new ArrayList<>();
            for (Future<CacheResult<String>> read : reads) {
                results.add(read.get(30, TimeUnit.SECONDS));
            }

            assertThat(calls).hasValue(1);
            assertThat(results).extracting(CacheResult::value).containsOnly("loaded once");
            assertThat(results)
                    .filteredOn(r -> r.outcome() == CacheOutcome.MISS_LOADED)
                    .hasSize(1);
            assertThat(results)
                    .extracting(CacheResult::outcome)
                    .as("the others shared the load here, waited for it there, or found its value")
                    .isSubsetOf(
                            CacheOutcome.MISS_LOADED,
                            CacheOutcome.MISS_SHARED,
                            CacheOutcome.MISS_LEASED,
                            CacheOutcome.HIT_REDIS,
                            CacheOutcome.HIT_MEMORY);
            assertThat(fleet.stream().mapToLong(c -> c.stats().leasesAcquired()).sum())
                    .isEqualTo(1);
            assertThat(fleet.stream().mapToLong(c -> c.stats().leaseWaits()).sum())
                    .as("reads that waited for the leaseholder")
                    .isBetween(1L, 3L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileAnotherInstanceHoldsTheLeaseAStaleValueIsServed() throws Exception {
        TrafficCacheConfig config =
                config().lease(true).staleIfError(Duration.ofMinutes(5)).build();
        TrafficCache<String> a = instance(config);
        TrafficCache<String> b = instance(config);
        a.getOrSet("k", TTL, () -> "old");
        b.getOrSet("k", TTL, () -> "unused");
        ticker.advance(TTL.plusSeconds(1));
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<CacheResult<String>> slow =
                CompletableFuture.supplyAsync(() -> a.getOrSetResult("k", TTL, () -> {
                    loading.countDown();
                    release.await();
                    return "new";
                }));
        try {
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(b.getOrSetResult("k", TTL, () -> "should not load"))
                    .isEqualTo(new CacheResult<>("old", CacheOutcome.STALE_LEASED));
        } finally {
            release.countDown();
        }
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(new CacheResult<>("new", CacheOutcome.MISS_LOADED));
        assertThat(b.stats().staleWhileLeased()).isEqualTo(1);
    }

    @Test
    void withTheLeaseALoadInFlightWhenItsKeyIsInvalidatedElsewhereIsNotWrittenBack() throws Exception {
        TrafficCacheConfig config = config().lease(true).build();
        TrafficCache<String> a = instance(config);
        TrafficCache<String> b = instance(config);
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> a.getOrSet("k", TTL, () -> {
            loading.countDown();
            release.await();
            return "read before the change";
        }));
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(b.invalidate("k")).isTrue();
        release.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("read before the change");
        TrafficCache<String> c = instance(config);
        assertThat(c.getOrSetResult("k", TTL, () -> "after the change"))
                .isEqualTo(new CacheResult<>("after the change", CacheOutcome.MISS_LOADED));
    }

    @Test
    void afterAPubSubReconnectTheLocalTierStartsOver() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis own = RedisTestSupport.connect(server.uri())) {
            TrafficCache<String> cache = instance(config().build(), own);
            cache.getOrSet("k", TTL, () -> "before");
            assertThat(cache.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:memory");

            server.stop();
            server.start();
            Await.until(
                    "the invalidation channel is subscribed again",
                    () -> cache.stats().localResets() == 1);

            assertThat(cache.getOrSetResult("k", TTL, () -> "after"))
                    .as("invalidations sent while disconnected may have been missed")
                    .isEqualTo(new CacheResult<>("after", CacheOutcome.MISS_LOADED));
            cache.close();
        }
    }
}
