package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The local tier's weight bound, and a cache with the local tier off. */
class LocalTierBoundsTest {

    private final ManualTicker ticker = new ManualTicker();

    private final ManualScheduler scheduler = new ManualScheduler(ticker);

    @Test
    void aWeigherBoundsTheLocalTierByWeight() {
        try (TrafficCache<String> cache = TrafficCache.builder("weighed", Codec.string())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .localMaximumWeight(1_000, String::length)
                .build()) {
            for (int i = 0; i < 100; i++) {
                cache.getOrSet("k" + i, Duration.ofMinutes(1), () -> "x".repeat(100));
            }

            assertThat(cache.stats().localSize()).isLessThanOrEqualTo(10);
            assertThat(cache.stats().evictions()).isGreaterThanOrEqualTo(90);
        }
    }

    @Test
    void withTheLocalTierOffEveryReadLoads() {
        try (TrafficCache<String> cache = TrafficCache.builder("no-local", Codec.string())
                .config(TrafficCacheConfig.builder().localTier(false).build())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build()) {
            cache.getOrSet("k", Duration.ofMinutes(1), () -> "a");

            assertThat(cache.getOrSetResult("k", Duration.ofMinutes(1), () -> "b"))
                    .isEqualTo(new CacheResult<>("b", CacheOutcome.MISS_LOADED));
            assertThat(cache.stats().localSize()).isZero();
            assertThat(cache.toString()).contains("local only");
        }
    }

    @Test
    void withoutRedisUrlTheCacheIsLocalOnly() {
        try (TrafficCache<String> cache = TrafficCache.builder("env", Codec.string())
                .redisFromEnvironment(java.util.Map.of())
                .scheduler(scheduler)
                .build()) {
            assertThat(cache.getOrSetResult("k", Duration.ofMinutes(1), () -> "v")
                            .header())
                    .isEqualTo("MISS:loaded");
            assertThat(cache.stats().degraded()).isFalse();
        }
    }
}
