package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import dev.headroom.testsupport.Await;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrafficCache} guarantees, whatever its tiers. Subclasses say how to add their
 * tiers; time comes from a {@link ManualTicker} and refreshes run on the calling thread, so nothing
 * here sleeps for time to pass.
 */
abstract class TrafficCacheContract {

    static final Duration TTL = Duration.ofSeconds(10);

    final ManualTicker ticker = new ManualTicker();

    final ManualScheduler scheduler = new ManualScheduler(ticker);
    private final List<TrafficCache<?>> caches = new CopyOnWriteArrayList<>();

    /** Adds the tiers under test; the builder has the ticker, a direct executor and a unique name. */
    abstract TrafficCache.Builder<String> tiers(TrafficCache.Builder<String> builder);

    /** A name no other test uses (the Redis may be shared). */
    abstract String uniqueName();

    /**
     * The configuration tests start from: no jitter and no early refresh, so expiries are exact, and
     * a local tier trusted for the whole TTL, so both kinds of cache answer alike.
     */
    static TrafficCacheConfig.Builder exact() {
        return TrafficCacheConfig.builder().ttlJitter(0).earlyRefreshBeta(0).localTtlCap(Duration.ofDays(1));
    }

    TrafficCache<String> cache(TrafficCacheConfig config) {
        return cache(uniqueName(), config, () -> 1.0);
    }

    TrafficCache<String> cache(String name, TrafficCacheConfig config, DoubleSupplier random) {
        TrafficCache<String> cache = tiers(TrafficCache.builder(name, Codec.string())
                        .config(config)
                        .scheduler(scheduler)
                        .executor(Runnable::run)
                        .earlyRefreshRandom(random))
                .build();
        caches.add(cache);
        return cache;
    }

    @AfterEach
    void closeCaches() {
        caches.forEach(TrafficCache::close);
    }

    /** A loader that counts its calls and answers {@code value-<n>}. */
    static final class CountingLoader implements CacheLoader<String> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String load() {
            return "value-" + calls.incrementAndGet();
        }
    }

    @Test
    void aMissLoadsOnceAndTheNextReadIsAMemoryHit() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();

        CacheResult<String> first = cache.getOrSetResult("k", TTL, loader);
        CacheResult<String> second = cache.getOrSetResult("k", TTL, loader);

        assertThat(first.value()).isEqualTo("value-1");
        assertThat(first.header()).isEqualTo("MISS:loaded");
        assertThat(first.source()).isEqualTo(CacheSource.MISS);
        assertThat(second).isEqualTo(new CacheResult<>("value-1", CacheOutcome.HIT_MEMORY));
        assertThat(cache.getOrSet("k", TTL, loader)).isEqualTo("value-1");
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.stats().loads()).isEqualTo(1);
        assertThat(cache.stats().memoryHits()).isEqualTo(2);
    }

    @Test
    void aValueExpiresAfterItsTtlOnTheTicker() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();
        cache.getOrSet("k", TTL, loader);

        ticker.advance(TTL.minusMillis(1));
        assertThat(cache.getOrSetResult("k", TTL, loader).value()).isEqualTo("value-1");

        ticker.advanceMillis(1);
        CacheResult<String> expired = cache.getOrSetResult("k", TTL, loader);
        assertThat(expired.value()).isEqualTo("value-2");
        assertThat(expired.outcome()).isEqualTo(CacheOutcome.MISS_LOADED);
    }

    @Test
    void jitterExtendsALifetimeByAtMostTheConfiguredFractionTheSameWayEveryTime() {
        TrafficCache<String> cache = cache(exact().ttlJitter(0.5).build());
        CountingLoader loader = new CountingLoader();
        Map<String, Long> lifetimes = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String key = "k" + i;
            cache.getOrSet(key, TTL, loader);
        }
        for (int step = 0; step <= 160; step++) {
            for (int i = 0; i < 20; i++) {
                String key = "k" + i;
                if (!lifetimes.containsKey(key)
                        && cache.getOrSetResult(key, TTL, () -> "reloaded").outcome() == CacheOutcome.MISS_LOADED) {
                    lifetimes.put(key, ticker.nanoTime());
                }
            }
            ticker.advance(Duration.ofMillis(100));
        }
        assertThat(lifetimes).hasSize(20);
        assertThat(lifetimes.values())
                .allSatisfy(expiredAt ->
                        assertThat(expiredAt).isBetween(TTL.toNanos(), TTL.toNanos() * 3 / 2 + 100_000_000L));
        assertThat(lifetimes.values().stream().distinct().count())
                .as("expiries are spread")
                .isGreaterThan(5);
    }

    @Test
    void badKeysAndTtlsAreRefusedWithTheRuleTheyBreak() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();

        assertThatThrownBy(() -> cache.getOrSet("", TTL, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be empty");
        assertThatThrownBy(() -> cache.getOrSet("  ", TTL, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache key must not be blank");
        assertThatThrownBy(() -> cache.getOrSet("x".repeat(1025), TTL, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache key must be at most 1024 bytes");
        assertThatThrownBy(() -> cache.getOrSet("k", Duration.ZERO, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be at least 1 ms: PT0S");
        assertThatThrownBy(() ->
                        cache.getOrSetAsync("k", Duration.ofSeconds(-1), () -> CompletableFuture.completedFuture("v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be at least 1 ms: PT-1S");
        assertThatThrownBy(() -> cache.getOrSetAll(List.of("a", ""), TTL, keys -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be empty");
        assertThatThrownBy(() -> cache.invalidate("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put(" ", "v", TTL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache key must not be blank");
        assertThatThrownBy(() -> cache.warm(Map.of("ok", "v", "é".repeat(513), "v"), TTL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache key must be at most 1024 bytes in UTF-8, was 1026");
        assertThatThrownBy(() -> cache.getOrSetOptional("", TTL, Optional::empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be empty");
        assertThatThrownBy(() -> cache.getOrSetAsync("", TTL, () -> CompletableFuture.completedFuture("v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be empty");
        assertThat(cache.getOrSetResult("ok", TTL, () -> "loaded").outcome())
                .as("the refused warm stored nothing")
                .isEqualTo(CacheOutcome.MISS_LOADED);
        assertThat(loader.calls).hasValue(0);
    }

    @Test
    void everyKeyWithinTheRulesWorksWhateverItHolds() {
        TrafficCache<String> cache = cache(exact().build());
        List<String> keys = List.of(
                "x".repeat(1024), // the longest key, in bytes
                "日本".repeat(170), // 1,020 bytes of three-byte characters
                "{user}:42|%7B#",
                "user:\uD800:42", // an unpaired surrogate
                " padded ");
        for (String key : keys) {
            assertThat(cache.put(key, "v:" + key.length(), TTL)).as(key).isTrue();
        }
        for (String key : keys) {
            assertThat(cache.getOrSetResult(key, TTL, () -> "loaded"))
                    .as(key)
                    .isEqualTo(new CacheResult<>("v:" + key.length(), CacheOutcome.HIT_MEMORY));
            assertThat(cache.invalidate(key)).isTrue();
            assertThat(cache.getOrSetResult(key, TTL, () -> "loaded"))
                    .as(key)
                    .isEqualTo(new CacheResult<>("loaded", CacheOutcome.MISS_LOADED));
        }
    }

    @Test
    @SuppressWarnings("NullAway") // passes nulls on purpose
    void nullArgumentsAreRefusedNamingTheParameterAndNothingIsStored() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();

        assertThatThrownBy(() -> cache.put("k", null, TTL))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThat(cache.getOrSetResult("k", TTL, loader))
                .as("the refused put stored nothing")
                .isEqualTo(new CacheResult<>("value-1", CacheOutcome.MISS_LOADED));
        Map<String, String> oneNull = new LinkedHashMap<>();
        oneNull.put("w1", "warm");
        oneNull.put("w2", null);
        assertThatThrownBy(() -> cache.warm(oneNull, TTL))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values: the value of key 'w2' is null");
        assertThat(cache.getOrSetResult("w1", TTL, () -> "loaded"))
                .as("the refused warm stored nothing")
                .isEqualTo(new CacheResult<>("loaded", CacheOutcome.MISS_LOADED));

        assertNullNamed("key", () -> cache.getOrSet(null, TTL, loader));
        assertNullNamed("ttl", () -> cache.getOrSet("k", null, loader));
        assertNullNamed("loader", () -> cache.getOrSet("k", TTL, null));
        assertNullNamed("key", () -> cache.getOrSetResult(null, TTL, loader));
        assertNullNamed("loader", () -> cache.getOrSetResult("k", TTL, null));
        assertNullNamed("key", () -> cache.getOrSetAsync(null, TTL, () -> CompletableFuture.completedFuture("v")));
        assertNullNamed("loader", () -> cache.getOrSetAsync("k", TTL, null));
        assertNullNamed("key", () -> cache.getOrSetOptional(null, TTL, Optional::empty));
        assertNullNamed("ttl", () -> cache.getOrSetOptionalResult("k", null, Optional::empty));
        assertNullNamed("keys", () -> cache.getOrSetAll(null, TTL, keys -> Map.of()));
        assertNullNamed(
                "keys: contains null", () -> cache.getOrSetAll(Arrays.asList("a", null), TTL, keys -> Map.of()));
        assertNullNamed("loader", () -> cache.getOrSetAll(List.of("a"), TTL, null));
        assertNullNamed("key", () -> cache.put(null, "v", TTL));
        assertNullNamed("ttl", () -> cache.put("k", "v", null));
        assertNullNamed("values", () -> cache.warm(null, TTL));
        assertNullNamed("key", () -> cache.invalidate(null));
        assertThat(loader.calls).hasValue(1);
        assertThat(cache.getOrSet("k", TTL, loader)).isEqualTo("value-1");
    }

    private static void assertNullNamed(String parameter, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
    }

    @Test
    void concurrentMissesOfOneKeyCallTheLoaderExactlyOnce() throws Exception {
        TrafficCache<String> cache = cache(exact().build());
        int threads = 48;
        AtomicInteger calls = new AtomicInteger();
        CacheLoader<String> loader = () -> {
            calls.incrementAndGet();
            // Hold the load until every other reader has joined it.
            Await.until("every reader waits for the load", () -> cache.stats().sharedLoads() == threads - 1);
            return "shared";
        };
        List<CacheResult<String>> results = readConcurrently(threads, () -> cache.getOrSetResult("hot", TTL, loader));

        assertThat(calls).hasValue(1);
        assertThat(results).extracting(CacheResult::value).containsOnly("shared");
        assertThat(results)
                .filteredOn(r -> r.outcome() == CacheOutcome.MISS_LOADED)
                .hasSize(1);
        assertThat(results)
                .filteredOn(r -> r.outcome() == CacheOutcome.MISS_SHARED)
                .hasSize(threads - 1);
    }

    @Test
    void blockingAndAsyncReadsShareOneLoad() throws Exception {
        TrafficCache<String> cache = cache(exact().build());
        int threads = 32;
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> slowQuery = new CompletableFuture<>();
        AtomicInteger turn = new AtomicInteger();
        List<CacheResult<String>> results = readConcurrently(
                threads,
                () -> {
                    if (turn.getAndIncrement() % 2 == 0) {
                        return cache.getOrSetAsync("mixed", TTL, () -> {
                                    calls.incrementAndGet();
                                    return slowQuery;
                                })
                                .get(30, TimeUnit.SECONDS);
                    }
                    return cache.getOrSetResult("mixed", TTL, () -> {
                        calls.incrementAndGet();
                        return slowQuery.get(30, TimeUnit.SECONDS);
                    });
                },
                () -> {
                    Await.until(
                            "every reader waits for the load",
                            () -> cache.stats().sharedLoads() == threads - 1);
                    slowQuery.complete("once");
                });

        assertThat(calls).hasValue(1);
        assertThat(results).extracting(CacheResult::value).containsOnly("once");
        assertThat(results)
                .filteredOn(r -> r.outcome() == CacheOutcome.MISS_SHARED)
                .hasSize(threads - 1);
    }

    @Test
    void concurrentReadsOfManyKeysLoadEachKeyExactlyOnce() throws Exception {
        TrafficCache<String> cache = cache(exact().build());
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        int threads = 16;
        List<CacheResult<String>> results = readConcurrently(threads, () -> {
            CacheResult<String> last = null;
            for (int round = 0; round < 20; round++) {
                for (int k = 0; k < 25; k++) {
                    String key = "key-" + k;
                    last = cache.getOrSetResult(key, TTL, () -> {
                        calls.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
                        return key.toUpperCase(java.util.Locale.ROOT);
                    });
                    assertThat(last.value()).isEqualTo(key.toUpperCase(java.util.Locale.ROOT));
                }
            }
            return last;
        });

        assertThat(results).hasSize(threads);
        assertThat(calls).hasSize(25);
        assertThat(calls.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void staleWhileRevalidateServesTheOldValueOnceAndRefreshesInTheBackground() {
        TrafficCache<String> cache =
                cache(exact().staleWhileRevalidate(Duration.ofSeconds(30)).build());
        CountingLoader loader = new CountingLoader();
        cache.getOrSet("k", TTL, loader);
        ticker.advance(TTL.plusSeconds(1));

        CacheResult<String> stale = cache.getOrSetResult("k", TTL, loader);
        CacheResult<String> after = cache.getOrSetResult("k", TTL, loader);

        assertThat(stale).isEqualTo(new CacheResult<>("value-1", CacheOutcome.STALE_REVALIDATING));
        assertThat(stale.isStale()).isTrue();
        assertThat(after).isEqualTo(new CacheResult<>("value-2", CacheOutcome.HIT_MEMORY));
        assertThat(loader.calls).hasValue(2);
        assertThat(cache.stats().refreshes()).isEqualTo(1);
        assertThat(cache.stats().staleRevalidating()).isEqualTo(1);
    }

    @Test
    void pastTheRevalidateGraceAValueIsNotServed() {
        TrafficCache<String> cache =
                cache(exact().staleWhileRevalidate(Duration.ofSeconds(30)).build());
        CountingLoader loader = new CountingLoader();
        cache.getOrSet("k", TTL, loader);
        ticker.advance(TTL.plusSeconds(30));

        assertThat(cache.getOrSetResult("k", TTL, loader))
                .isEqualTo(new CacheResult<>("value-2", CacheOutcome.MISS_LOADED));
    }

    @Test
    void staleIfErrorServesTheOldValueWhenTheLoaderFailsAndCachesNoError() {
        TrafficCache<String> cache =
                cache(exact().staleIfError(Duration.ofMinutes(1)).build());
        cache.getOrSet("k", TTL, () -> "old");
        ticker.advance(TTL.plusSeconds(5));

        CacheResult<String> served = cache.getOrSetResult("k", TTL, () -> {
            throw new IOException("database down");
        });
        CacheResult<String> recovered = cache.getOrSetResult("k", TTL, () -> "new");

        assertThat(served).isEqualTo(new CacheResult<>("old", CacheOutcome.STALE_ERROR));
        assertThat(recovered).isEqualTo(new CacheResult<>("new", CacheOutcome.MISS_LOADED));
        assertThat(cache.stats().staleOnError()).isEqualTo(1);
        assertThat(cache.stats().loadFailures()).isEqualTo(1);
    }

    @Test
    void theLoadersExceptionReachesTheCallerOnlyWithNothingToServe() {
        TrafficCache<String> cache =
                cache(exact().staleIfError(Duration.ofSeconds(5)).build());
        IllegalStateException unchecked = new IllegalStateException("boom");
        IOException checked = new IOException("database down");

        assertThatThrownBy(() -> cache.getOrSet("a", TTL, () -> {
                    throw unchecked;
                }))
                .isSameAs(unchecked);
        assertThatThrownBy(() -> cache.getOrSet("b", TTL, () -> {
                    throw checked;
                }))
                .isInstanceOf(CacheLoadException.class)
                .hasCause(checked)
                .satisfies(e -> assertThat(((CacheLoadException) e).key()).isEqualTo("b"))
                .hasMessageContaining("'b'");
        cache.getOrSet("c", TTL, () -> "old");
        ticker.advance(TTL.plusSeconds(5));
        assertThatThrownBy(() -> cache.getOrSet("c", TTL, () -> {
                    throw unchecked;
                }))
                .as("past the stale-if-error grace")
                .isSameAs(unchecked);
        assertThatThrownBy(() -> cache.getOrSet("d", TTL, TrafficCacheContract::nothing))
                .isInstanceOf(CacheLoadException.class)
                .hasMessageContaining("getOrSetOptional");
    }

    @Test
    void earlyRefreshRefreshesAHotKeyBeforeItExpiresAndOnlyNearExpiry() {
        TrafficCache<String> forced =
                cache(uniqueName(), exact().earlyRefreshBeta(1).build(), () -> 1e-12);
        AtomicInteger calls = new AtomicInteger();
        CacheLoader<String> slow = () -> {
            ticker.advance(Duration.ofMillis(100)); // computing takes 100 ms
            return "value-" + calls.incrementAndGet();
        };
        Duration ttl = Duration.ofSeconds(60);
        forced.getOrSet("k", ttl, slow);

        ticker.advance(Duration.ofSeconds(50)); // 10 s left: more than 20 * 100 ms, no draw
        assertThat(forced.getOrSetResult("k", ttl, slow).outcome()).isEqualTo(CacheOutcome.HIT_MEMORY);
        assertThat(calls).hasValue(1);

        ticker.advance(Duration.ofSeconds(9)); // 1 s left; ln(1e-12) * 100 ms = -2.8 s: refresh now
        CacheResult<String> early = forced.getOrSetResult("k", ttl, slow);
        assertThat(early.outcome()).isEqualTo(CacheOutcome.HIT_MEMORY);
        assertThat(calls).hasValue(2);
        assertThat(forced.getOrSet("k", ttl, slow)).isEqualTo("value-2");
        assertThat(forced.stats().earlyRefreshes()).isEqualTo(1);

        TrafficCache<String> unlucky =
                cache(uniqueName(), exact().earlyRefreshBeta(1).build(), () -> 1.0);
        unlucky.getOrSet("k", ttl, slow);
        ticker.advance(Duration.ofMillis(59_800));
        assertThat(unlucky.getOrSetResult("k", ttl, slow).outcome()).isEqualTo(CacheOutcome.HIT_MEMORY);
        assertThat(unlucky.stats().earlyRefreshes()).isZero();
    }

    @Test
    void aBulkReadRefreshesAHotKeyEarlyAsASingleReadDoes() {
        TrafficCache<String> cache =
                cache(uniqueName(), exact().earlyRefreshBeta(1).build(), () -> 1e-12);
        AtomicInteger calls = new AtomicInteger();
        BulkCacheLoader<String> slow = keys -> {
            ticker.advance(Duration.ofMillis(100)); // computing takes 100 ms
            Map<String, String> values = new HashMap<>();
            keys.forEach(key -> values.put(key, key + "-" + calls.incrementAndGet()));
            return values;
        };
        Duration ttl = Duration.ofSeconds(60);
        assertThat(cache.getOrSetAll(List.of("k"), ttl, slow)).containsExactly(Map.entry("k", "k-1"));

        ticker.advance(Duration.ofSeconds(59)); // 1 s left; ln(1e-12) * 100 ms = -2.8 s: refresh now
        Map<String, String> early = cache.getOrSetAll(List.of("k"), ttl, slow);

        assertThat(early).as("served while the refresh runs").containsExactly(Map.entry("k", "k-1"));
        assertThat(cache.stats().earlyRefreshes()).isEqualTo(1);
        assertThat(calls).hasValue(2);
        assertThat(cache.getOrSetResult("k", ttl, () -> "unused"))
                .isEqualTo(new CacheResult<>("k-2", CacheOutcome.HIT_MEMORY));
    }

    @Test
    void absentValuesAreCachedOnlyWhenNegativeCachingIsOn() {
        TrafficCache<String> negative =
                cache(exact().negativeTtl(Duration.ofSeconds(5)).build());
        AtomicInteger calls = new AtomicInteger();
        CacheLoader<Optional<String>> nothing = () -> {
            calls.incrementAndGet();
            return Optional.empty();
        };

        assertThat(negative.getOrSetOptional("gone", TTL, nothing)).isEmpty();
        assertThat(negative.getOrSetOptionalResult("gone", TTL, nothing))
                .isEqualTo(new CacheResult<>(Optional.empty(), CacheOutcome.HIT_MEMORY));
        assertThat(calls).hasValue(1);
        ticker.advance(Duration.ofSeconds(5));
        assertThat(negative.getOrSetOptionalResult("gone", TTL, nothing).outcome())
                .isEqualTo(CacheOutcome.MISS_LOADED);
        assertThat(calls).hasValue(2);
        assertThat(negative.getOrSet("gone", TTL, () -> "present"))
                .as("a plain read does not take a cached absence for a value")
                .isEqualTo("present");

        TrafficCache<String> plain = cache(exact().build());
        plain.getOrSetOptional("gone", TTL, nothing);
        plain.getOrSetOptional("gone", TTL, nothing);
        assertThat(calls).hasValue(4);
        assertThat(plain.getOrSetOptional("there", TTL, () -> Optional.of("v"))).contains("v");
        assertThat(plain.getOrSetOptional("there", TTL, () -> Optional.of("other")))
                .contains("v");
    }

    @Test
    void invalidateMakesTheNextReadLoad() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();
        cache.getOrSet("k", TTL, loader);

        assertThat(cache.invalidate("k")).isTrue();

        assertThat(cache.getOrSetResult("k", TTL, loader))
                .isEqualTo(new CacheResult<>("value-2", CacheOutcome.MISS_LOADED));
    }

    @Test
    void invalidateAllDropsEveryKey() {
        TrafficCache<String> cache = cache(exact().build());
        CountingLoader loader = new CountingLoader();
        for (String key : List.of("a", "b", "c")) {
            cache.getOrSet(key, TTL, loader);
        }

        assertThat(cache.invalidateAll()).isTrue();

        for (String key : List.of("a", "b", "c")) {
            assertThat(cache.getOrSetResult(key, TTL, loader).outcome()).isEqualTo(CacheOutcome.MISS_LOADED);
        }
        assertThat(loader.calls).hasValue(6);
    }

    @Test
    void aLoadInFlightWhenItsKeyIsInvalidatedIsReturnedButNotStored() {
        TrafficCache<String> cache = cache(exact().build());
        String loaded = cache.getOrSet("k", TTL, () -> {
            cache.invalidate("k");
            return "from-before-the-invalidation";
        });

        assertThat(loaded).isEqualTo("from-before-the-invalidation");
        assertThat(cache.getOrSetResult("k", TTL, () -> "fresh"))
                .isEqualTo(new CacheResult<>("fresh", CacheOutcome.MISS_LOADED));
    }

    @Test
    void aLoaderThatReadsItsOwnKeyIsRefused() {
        TrafficCache<String> cache = cache(exact().build());

        assertThatThrownBy(() -> cache.getOrSet("k", TTL, () -> cache.getOrSet("k", TTL, () -> "inner")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not read the key it loads");
    }

    @Test
    void theAsyncVariantLoadsWithoutBlockingAndSharesTheCache() throws Exception {
        TrafficCache<String> cache = cache(exact().build());
        CompletableFuture<String> pending = new CompletableFuture<>();

        CompletableFuture<CacheResult<String>> first = cache.getOrSetAsync("k", TTL, () -> pending);
        assertThat(first).isNotDone();
        pending.complete("async");

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new CacheResult<>("async", CacheOutcome.MISS_LOADED));
        assertThat(cache.getOrSetAsync("k", TTL, () -> CompletableFuture.completedFuture("other"))
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo(new CacheResult<>("async", CacheOutcome.HIT_MEMORY));
        assertThat(cache.getOrSet("k", TTL, () -> "sync")).isEqualTo("async");

        IllegalStateException failure = new IllegalStateException("async failure");
        CompletableFuture<CacheResult<String>> failed =
                cache.getOrSetAsync("bad", TTL, () -> CompletableFuture.failedFuture(failure));
        assertThat(failed)
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCause(failure);
    }

    @Test
    void bulkReadsLoadOnlyWhatNoTierHasInOneCall() {
        TrafficCache<String> cache = cache(exact().build());
        cache.getOrSet("a", TTL, () -> "A");
        List<Set<String>> asked = new ArrayList<>();
        BulkCacheLoader<String> loader = keys -> {
            asked.add(Set.copyOf(keys));
            Map<String, String> found = new HashMap<>();
            keys.stream()
                    .filter(key -> !key.equals("missing"))
                    .forEach(key -> found.put(key, key.toUpperCase(java.util.Locale.ROOT)));
            return found;
        };

        Map<String, String> values = cache.getOrSetAll(List.of("c", "a", "b", "missing", "c"), TTL, loader);

        assertThat(values).containsExactly(Map.entry("c", "C"), Map.entry("a", "A"), Map.entry("b", "B"));
        assertThat(asked).containsExactly(Set.of("b", "c", "missing"));
        assertThat(cache.getOrSetAll(List.of("a", "b", "c"), TTL, loader)).hasSize(3);
        assertThat(asked).hasSize(1);
        assertThat(cache.getOrSetResult("b", TTL, () -> "other"))
                .isEqualTo(new CacheResult<>("B", CacheOutcome.HIT_MEMORY));
    }

    @Test
    void bulkReadsServeStaleValuesOrThrowWhenTheBulkLoaderFails() {
        TrafficCache<String> cache =
                cache(exact().staleIfError(Duration.ofMinutes(1)).build());
        cache.getOrSetAll(List.of("a"), TTL, keys -> Map.of("a", "old"));
        ticker.advance(TTL.plusSeconds(1));
        BulkCacheLoader<String> failing = keys -> {
            throw new IOException("down");
        };

        assertThat(cache.getOrSetAll(List.of("a"), TTL, failing)).containsExactly(Map.entry("a", "old"));
        assertThatThrownBy(() -> cache.getOrSetAll(List.of("a", "b"), TTL, failing))
                .isInstanceOf(CacheLoadException.class)
                .hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(((CacheLoadException) e).key()).isEqualTo("b"));
    }

    @Test
    void warmAndPutStoreValuesThatReadsThenHit() {
        TrafficCache<String> cache = cache(exact().build());
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            values.put("w" + i, "warm-" + i);
        }

        assertThat(cache.warm(values, TTL)).isTrue();
        assertThat(cache.put("p", "put", TTL)).isTrue();

        CountingLoader loader = new CountingLoader();
        for (int i = 0; i < 10; i++) {
            assertThat(cache.getOrSetResult("w" + i, TTL, loader))
                    .isEqualTo(new CacheResult<>("warm-" + i, CacheOutcome.HIT_MEMORY));
        }
        assertThat(cache.getOrSet("p", TTL, loader)).isEqualTo("put");
        assertThat(cache.put("p", "replaced", TTL)).isTrue();
        assertThat(cache.getOrSet("p", TTL, loader)).isEqualTo("replaced");
        assertThat(loader.calls).hasValue(0);
    }

    @Test
    void theLocalTierIsBoundedByEntries() {
        TrafficCache<String> cache = cache(exact().localMaxEntries(10).build());
        for (int i = 0; i < 200; i++) {
            cache.getOrSet("k" + i, TTL, () -> "v");
        }

        assertThat(cache.stats().localSize()).isLessThanOrEqualTo(10);
        assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(190);
    }

    /** A loader that breaks its contract by returning null. */
    @SuppressWarnings("NullAway")
    static String nothing() {
        return null;
    }

    /** Runs {@code read} on {@code threads} threads released together, and returns their answers. */
    static <T> List<T> readConcurrently(int threads, java.util.concurrent.Callable<T> read) throws Exception {
        return readConcurrently(threads, read, () -> {});
    }

    /** Like {@link #readConcurrently(int, java.util.concurrent.Callable)}, running {@code meanwhile} too. */
    static <T> List<T> readConcurrently(int threads, java.util.concurrent.Callable<T> read, Runnable meanwhile)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return read.call();
                }));
            }
            meanwhile.run();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
