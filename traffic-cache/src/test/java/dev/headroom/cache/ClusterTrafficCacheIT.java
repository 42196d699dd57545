package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis tier on a three-master Redis Cluster: keys spread over slots, every script, MGET, pub/sub. */
@ExtendWith(RedisExtension.class)
class ClusterTrafficCacheIT {

    private static final Duration TTL = Duration.ofMinutes(1);

    private final ManualTicker ticker = new ManualTicker();
    private final List<TrafficCache<?>> caches = new CopyOnWriteArrayList<>();
    private HeadroomRedis redis;
    private String name;
    private List<String> nodes;

    @BeforeEach
    void connect(TestRedisCluster cluster) {
        nodes = cluster.nodeUris();
        redis = RedisTestSupport.connectCluster(nodes);
        name = TestRedis.uniquePrefix("cluster");
    }

    @AfterEach
    void close() {
        caches.forEach(TrafficCache::close);
        redis.close();
    }

    private TrafficCache<String> instance(TrafficCacheConfig.Builder config) {
        TrafficCache<String> cache = TrafficCache.builder(name, Codec.string())
                .config(config.ttlJitter(0)
                        .earlyRefreshBeta(0)
                        .localTtlCap(Duration.ofHours(1))
                        .build())
                .ticker(ticker)
                .redis(redis)
                .build();
        caches.add(cache);
        return cache;
    }

    private Map<String, String> values(int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put("key-" + i, "value-" + i);
        }
        return values;
    }

    @Test
    void valuesSpreadOverEveryMasterAndAnotherInstanceReadsThem() {
        TrafficCache<String> writer = instance(TrafficCacheConfig.builder());
        TrafficCache<String> reader = instance(TrafficCacheConfig.builder());
        Map<String, String> values = values(60);
        values.forEach((key, value) -> writer.getOrSet(key, TTL, () -> value));

        values.forEach((key, value) -> assertThat(reader.getOrSetResult(key, TTL, () -> "unused"))
                .isEqualTo(new CacheResult<>(value, CacheOutcome.HIT_REDIS)));
        Set<Long> slots = new HashSet<>();
        for (byte[] key : RedisTestSupport.valueKeysOnCluster(nodes, name)) {
            slots.add(RedisPlumbing.of(redis).sync().clusterKeyslot(key));
        }
        assertThat(slots).as("hash tags spread keys over slots").hasSizeGreaterThan(30);
    }

    @Test
    void aBulkReadIsOneMgetSplitBySlotAndPipelinedWrites() {
        TrafficCache<String> writer = instance(TrafficCacheConfig.builder());
        Map<String, String> values = values(50);
        assertThat(writer.getOrSetAll(values.keySet(), TTL, keys -> {
                    Map<String, String> loaded = new LinkedHashMap<>();
                    keys.forEach(key -> loaded.put(key, values.get(key)));
                    return loaded;
                }))
                .isEqualTo(values);
        TrafficCache<String> reader = instance(TrafficCacheConfig.builder());

        Map<String, String> read = reader.getOrSetAll(values.keySet(), TTL, keys -> {
            throw new AssertionError("everything is in Redis: " + keys);
        });

        assertThat(read).isEqualTo(values);
        assertThat(reader.stats().redisHits()).isEqualTo(50);
        assertThat(reader.stats().redisErrors()).isZero();
    }

    @Test
    void theLeaseScriptsRunOnEverySlot() throws Exception {
        TrafficCache<String> a =
                instance(TrafficCacheConfig.builder().lease(true).leaseWait(Duration.ofSeconds(10)));
        TrafficCache<String> b =
                instance(TrafficCacheConfig.builder().lease(true).leaseWait(Duration.ofSeconds(10)));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            String key = "leased-" + i;
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> a.getOrSet(key, TTL, () -> {
                calls.incrementAndGet();
                loading.countDown();
                release.await();
                return "v" + key;
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<CacheResult<String>> waiter =
                    CompletableFuture.supplyAsync(() -> b.getOrSetResult(key, TTL, () -> {
                        calls.incrementAndGet();
                        return "loaded twice";
                    }));
            Await.until("b waits for the lease", () -> b.stats().memoryMisses() > 0 && !waiter.isDone());
            release.countDown();

            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("v" + key);
            assertThat(waiter.get(10, TimeUnit.SECONDS).value()).isEqualTo("v" + key);
        }
        assertThat(calls).hasValue(10);
        assertThat(a.stats().leasesAcquired()).isEqualTo(10);
    }

    @Test
    void invalidationsReachOtherInstancesThroughTheCluster() {
        TrafficCache<String> a = instance(TrafficCacheConfig.builder());
        TrafficCache<String> b = instance(TrafficCacheConfig.builder());
        Map<String, String> values = values(20);
        values.forEach((key, value) -> {
            a.getOrSet(key, TTL, () -> value);
            b.getOrSet(key, TTL, () -> "unused");
        });

        assertThat(a.invalidate("key-3")).isTrue();
        Await.until("b hears the key invalidation", () -> b.stats().invalidationsReceived() == 1);
        assertThat(b.getOrSetResult("key-3", TTL, () -> "new").outcome()).isEqualTo(CacheOutcome.MISS_LOADED);

        assertThat(a.invalidateAll()).isTrue();
        Await.until("b hears the namespace invalidation", () -> b.stats().invalidationsReceived() == 2);
        values.forEach((key, value) ->
                assertThat(b.getOrSetResult(key, TTL, () -> "newer").outcome()).isEqualTo(CacheOutcome.MISS_LOADED));
    }

    @Test
    void keysWithBracesAndLongKeysWork() {
        TrafficCache<String> a = instance(TrafficCacheConfig.builder());
        TrafficCache<String> b = instance(TrafficCacheConfig.builder());
        String braces = "{user}:42:{orders}";
        String unicode = "dashboard:日本:" + "x".repeat(900);

        a.getOrSet(braces, TTL, () -> "braced");
        a.getOrSet(unicode, TTL, () -> "long");

        assertThat(b.getOrSetResult(braces, TTL, () -> "unused"))
                .isEqualTo(new CacheResult<>("braced", CacheOutcome.HIT_REDIS));
        assertThat(b.getOrSetResult(unicode, TTL, () -> "unused"))
                .isEqualTo(new CacheResult<>("long", CacheOutcome.HIT_REDIS));
        assertThat(new String(RedisTestSupport.valueKeysOnCluster(nodes, name).get(0), StandardCharsets.UTF_8))
                .startsWith("hr:{c:" + name + ":");
    }
}
