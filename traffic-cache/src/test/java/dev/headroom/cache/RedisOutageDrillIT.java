package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.cache.metrics.TrafficCacheMetrics;
import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The drill: Redis stops in the middle of steady load from many threads and comes back. Every read
 * must still be answered (from memory or the loader) with no exception reaching a caller, and the
 * cache must go back to Redis on its own. Real time and the default (short) Redis timeouts.
 */
class RedisOutageDrillIT {

    private enum Phase {
        BEFORE,
        DOWN,
        RECOVERED
    }

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final int THREADS = 16;
    private static final int KEYS = 40;

    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
    private final Map<Phase, Map<CacheOutcome, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void stoppingRedisMidLoadCostsNoCallerAnExceptionAndTheCacheRecoversOnItsOwn() throws Exception {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(
                        server.uri(),
                        // A loaded build machine may need long for the first handshake, which Lettuce
                        // bounds by the command timeout; a second is still short, and a stopped Redis
                        // rejects commands at once whatever the timeout.
                        RedisSettings.builder()
                                .connectTimeout(Duration.ofSeconds(10))
                                .commandTimeout(Duration.ofSeconds(1))
                                .build());
                TrafficCache<String> cache = TrafficCache.builder("drill", Codec.string())
                        .config(TrafficCacheConfig.builder()
                                .localTtlCap(Duration.ofMillis(20))
                                .staleIfError(Duration.ofSeconds(30))
                                .build())
                        .redis(redis)
                        .build()) {
            ExecutorService workers = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> running = new ArrayList<>();
            AtomicReference<Boolean> stop = new AtomicReference<>(false);
            for (int t = 0; t < THREADS; t++) {
                boolean async = t % 4 == 0;
                running.add(workers.submit(() -> readUntilStopped(cache, async, stop)));
            }
            try {
                Await.until("reads are answered from Redis", () -> count(Phase.BEFORE, CacheOutcome.HIT_REDIS) > 100);

                server.stop();
                phase.set(Phase.DOWN);
                Await.until("reads go on while Redis is down", () -> total(Phase.DOWN) > 2_000);
                assertThat(cache.stats().degraded()).isTrue();

                server.start();
                phase.set(Phase.RECOVERED);
                Await.until(
                        "reads are answered from Redis again",
                        () -> count(Phase.RECOVERED, CacheOutcome.HIT_REDIS) > 100);
                Await.until(
                        "the cache reports Redis healthy", () -> !cache.stats().degraded());
            } finally {
                stop.set(true);
                for (Future<?> worker : running) {
                    worker.get(30, TimeUnit.SECONDS);
                }
                workers.shutdown();
            }

            assertThat(failures).as("exceptions seen by callers").isEmpty();
            assertThat(total(Phase.DOWN)).isGreaterThan(2_000);
            assertThat(outcomes.get(Phase.DOWN)).doesNotContainKey(CacheOutcome.HIT_REDIS);
            assertThat(cache.stats().redisFailures()).isPositive();
            assertThat(cache.stats().redisRefusals())
                    .as("the breaker opened and reads skipped Redis")
                    .isPositive();
            assertThat(cache.stats().localResets())
                    .as("the local tier starts over once invalidations can arrive again")
                    .isPositive();
        }
    }

    private void readUntilStopped(TrafficCache<String> cache, boolean async, AtomicReference<Boolean> stop) {
        while (!stop.get()) {
            String key = "key-" + ThreadLocalRandom.current().nextInt(KEYS);
            Phase now = phase.get();
            try {
                CacheResult<String> result = async
                        ? cache.getOrSetAsync(
                                        key,
                                        TTL,
                                        () -> java.util.concurrent.CompletableFuture.completedFuture(load(key)))
                                .get(10, TimeUnit.SECONDS)
                        : cache.getOrSetResult(key, TTL, () -> load(key));
                if (!result.value().equals("value of " + key)) {
                    throw new AssertionError("wrong value " + result.value() + " for " + key);
                }
                outcomes.computeIfAbsent(now, p -> new ConcurrentHashMap<>())
                        .computeIfAbsent(result.outcome(), o -> new LongAdder())
                        .increment();
            } catch (Throwable e) {
                failures.add(e);
            }
        }
    }

    private String load(String key) {
        loads.incrementAndGet();
        return "value of " + key;
    }

    private long count(Phase when, CacheOutcome outcome) {
        Map<CacheOutcome, LongAdder> counts = outcomes.get(when);
        if (counts == null) {
            return 0;
        }
        LongAdder count = counts.get(outcome);
        return count == null ? 0 : count.sum();
    }

    private long total(Phase when) {
        Map<CacheOutcome, LongAdder> counts = outcomes.get(when);
        return counts == null
                ? 0
                : counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Test
    void aCacheBuiltWhileRedisIsDownServesFromTheLoaderAndTakesRedisOnWhenItComes() throws Exception {
        ManualTicker ticker = new ManualTicker();
        ManualScheduler scheduler = new ManualScheduler(ticker);
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = RedisTestSupport.connect(server.uri())) {
            server.stop();
            try (TrafficCache<String> cache = TrafficCache.builder("down-at-start", Codec.string())
                    .config(TrafficCacheConfig.builder()
                            .localTtlCap(Duration.ofSeconds(1))
                            .build())
                    .scheduler(scheduler)
                    .redis(redis)
                    .build()) {
                CacheResult<String> first = cache.getOrSetResult("k", TTL, () -> "from the loader");
                assertThat(first).isEqualTo(new CacheResult<>("from the loader", CacheOutcome.MISS_LOADED));
                assertThat(cache.stats().degraded()).isTrue();

                server.start();
                Await.until("the cache uses Redis again", () -> {
                    scheduler.advance(Duration.ofSeconds(10)); // past the breaker's open time and the cap
                    cache.getOrSetResult("k", TTL, () -> "loaded again");
                    return cache.getOrSetResult("k", TTL, () -> "unused").outcome() == CacheOutcome.HIT_MEMORY
                            && !cache.stats().degraded()
                            && cache.stats().redisHits() + cache.stats().loads() > 1;
                });
                scheduler.advance(Duration.ofSeconds(2));
                assertThat(cache.getOrSetResult("k", TTL, () -> "unused").outcome())
                        .isEqualTo(CacheOutcome.HIT_REDIS);
            }
        }
    }

    @Test
    void aRedisFailureIsCountedOnceInTheMeterEveryComponentShares() {
        ManualTicker ticker = new ManualTicker();
        ManualScheduler scheduler = new ManualScheduler(ticker);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = RedisTestSupport.connect(server.uri());
                TrafficCache<String> cache = TrafficCache.builder("metered", Codec.string())
                        .scheduler(scheduler)
                        .redis(redis)
                        .build()) {
            TrafficCacheMetrics.of(cache).bindTo(registry);
            server.stop();

            CacheResult<String> read = cache.getOrSetResult("k", TTL, () -> "from the loader");

            assertThat(read).isEqualTo(new CacheResult<>("from the loader", CacheOutcome.MISS_LOADED));
            long failures = cache.stats().redisFailures();
            assertThat(failures).as("the read and the write-back failed").isPositive();
            assertThat(registry.get("headroom.redis.failures")
                            .tags("component", "cache", "name", "metered")
                            .functionCounter()
                            .count())
                    .isEqualTo((double) failures);
            assertThat(registry.find("headroom.cache.redis.errors").meters()).isEmpty();
        }
    }

    @Test
    void whileTheBreakerRefusesRedisIsNotAskedAndReadsGoOn() {
        ManualTicker ticker = new ManualTicker();
        ManualScheduler scheduler = new ManualScheduler(ticker);
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = RedisTestSupport.connect(server.uri())) {
            CircuitBreaker breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.ofDefaults(), ticker);
            try (TrafficCache<String> cache = TrafficCache.builder("breaker", Codec.string())
                    .config(TrafficCacheConfig.builder().localTier(false).build())
                    .scheduler(scheduler)
                    .redis(redis)
                    .redisBreaker(breaker)
                    .build()) {
                cache.getOrSet("k", TTL, () -> "v");
                assertThat(cache.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:redis");
                long gets = RedisTestSupport.calls(redis, "get");

                breaker.transitionTo(CircuitBreaker.State.FORCED_OPEN);
                CacheResult<String> bypassed = cache.getOrSetResult("k", TTL, () -> "from the loader");

                assertThat(bypassed).isEqualTo(new CacheResult<>("from the loader", CacheOutcome.MISS_LOADED));
                assertThat(RedisTestSupport.calls(redis, "get")).isEqualTo(gets);
                assertThat(cache.stats().redisRefusals()).isPositive();
                assertThat(cache.stats().degraded()).isTrue();

                breaker.transitionTo(CircuitBreaker.State.CLOSED);
                assertThat(cache.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:redis");
                assertThat(cache.stats().degraded()).isFalse();
            }
        }
    }
}
