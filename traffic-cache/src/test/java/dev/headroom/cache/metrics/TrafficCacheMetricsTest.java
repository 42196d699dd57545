package dev.headroom.cache.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.codec.Codec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrafficCacheMetricsTest {

    @Test
    void publishesTheCountersTaggedWithTheCacheName() {
        ManualTicker ticker = new ManualTicker();
        ManualScheduler scheduler = new ManualScheduler(ticker);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TrafficCache<String> cache = TrafficCache.builder("dashboards", Codec.string())
                .config(TrafficCacheConfig.builder()
                        .staleIfError(Duration.ofMinutes(1))
                        .build())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build()) {
            TrafficCacheMetrics.of(cache).bindTo(registry);
            cache.getOrSet("k", Duration.ofSeconds(1), () -> {
                ticker.advance(Duration.ofMillis(30));
                return "v";
            });
            cache.getOrSet("k", Duration.ofSeconds(1), () -> "unused");
            ticker.advance(Duration.ofSeconds(2));
            cache.getOrSet("k", Duration.ofSeconds(1), () -> {
                throw new IOException("down");
            });

            assertThat(registry.get("headroom.cache.gets")
                            .tags("name", "dashboards", "tier", "memory", "result", "hit")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.gets")
                            .tags("tier", "memory", "result", "miss")
                            .functionCounter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("headroom.cache.loads")
                            .tag("result", "success")
                            .functionTimer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.loads")
                            .tag("result", "success")
                            .functionTimer()
                            .totalTime(TimeUnit.MILLISECONDS))
                    .isEqualTo(30);
            assertThat(registry.get("headroom.cache.loads")
                            .tag("result", "failure")
                            .functionTimer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.stale.served")
                            .tag("reason", "error")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.local.size").gauge().value())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.degraded").gauge().value()).isZero();
            assertThat(registry.get("headroom.cache.codec.failures")
                            .tag("operation", "decode")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.getMeters()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(registry.find("headroom.redis.failures").meters())
                    .as("a local-only cache has no Redis to fail")
                    .isEmpty();
        }
    }
}
