package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.codec.Codec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrafficCacheConfigTest {

    @Test
    void defaultsAreTheDocumentedConstants() {
        TrafficCacheConfig config = TrafficCacheConfig.ofDefaults();

        assertThat(config.localTier())
                .isEqualTo(TrafficCacheConfig.DEFAULT_LOCAL_TIER)
                .isTrue();
        assertThat(config.localMaxEntries()).isEqualTo(TrafficCacheConfig.DEFAULT_LOCAL_MAX_ENTRIES);
        assertThat(config.localTtlCap()).isEqualTo(TrafficCacheConfig.DEFAULT_LOCAL_TTL_CAP);
        assertThat(config.ttlJitter()).isEqualTo(TrafficCacheConfig.DEFAULT_TTL_JITTER);
        assertThat(config.staleWhileRevalidate()).isEqualTo(Duration.ZERO);
        assertThat(config.staleIfError()).isEqualTo(Duration.ZERO);
        assertThat(config.earlyRefreshBeta()).isEqualTo(1.0);
        assertThat(config.negativeTtl())
                .isEqualTo(TrafficCacheConfig.DEFAULT_NEGATIVE_TTL)
                .isZero();
        assertThat(config.lease()).isEqualTo(TrafficCacheConfig.DEFAULT_LEASE).isFalse();
        assertThat(config.leaseTtl()).isEqualTo(TrafficCacheConfig.DEFAULT_LEASE_TTL);
        assertThat(config.leaseWait()).isEqualTo(TrafficCacheConfig.DEFAULT_LEASE_WAIT);
        assertThat(config.namespaceCheckInterval()).isEqualTo(TrafficCacheConfig.DEFAULT_NAMESPACE_CHECK_INTERVAL);
        assertThat(config.compressAbove()).isEqualTo(TrafficCacheConfig.DEFAULT_COMPRESS_ABOVE);
        assertThat(config.redisBreaker()).isSameAs(CircuitBreakerConfig.DEFAULT_REDIS_BREAKER);
        assertThat(TrafficCacheConfig.builder().build().toString()).isEqualTo(config.toString());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        TrafficCacheConfig config = TrafficCacheConfig.builder()
                .localTier(false)
                .localMaxEntries(7)
                .localTtlCap(Duration.ofSeconds(3))
                .ttlJitter(0.25)
                .staleWhileRevalidate(Duration.ofSeconds(4))
                .staleIfError(Duration.ofSeconds(5))
                .earlyRefreshBeta(2)
                .negativeTtl(Duration.ofSeconds(6))
                .lease(true)
                .leaseTtl(Duration.ofSeconds(7))
                .leaseWait(Duration.ofSeconds(8))
                .namespaceCheckInterval(Duration.ofSeconds(9))
                .compressAbove(10)
                .build();

        TrafficCacheConfig copy = config.toBuilder().build();

        assertThat(copy.toString()).isEqualTo(config.toString());
        assertThat(copy.negativeTtl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(copy.toBuilder().negativeTtl(Duration.ZERO).build().negativeTtl())
                .isZero();
    }

    @Test
    @SuppressWarnings("NullAway") // passes nulls on purpose
    void badValuesAreRefusedNamingTheParameterAndTheValue() {
        TrafficCacheConfig.Builder builder = TrafficCacheConfig.builder();

        assertThatThrownBy(() -> builder.localMaxEntries(0)).hasMessage("localMaxEntries must be at least 1: 0");
        assertThatThrownBy(() -> builder.localTtlCap(Duration.ZERO)).hasMessage("localTtlCap must be positive: PT0S");
        assertThatThrownBy(() -> builder.ttlJitter(1.5)).hasMessage("ttlJitter must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> builder.ttlJitter(Double.NaN)).hasMessage("ttlJitter must be in [0, 1]: NaN");
        assertThatThrownBy(() -> builder.staleWhileRevalidate(Duration.ofSeconds(-1)))
                .hasMessage("staleWhileRevalidate must not be negative: PT-1S");
        assertThatThrownBy(() -> builder.staleIfError(Duration.ofSeconds(-2)))
                .hasMessage("staleIfError must not be negative: PT-2S");
        assertThatThrownBy(() -> builder.earlyRefreshBeta(-1))
                .hasMessage("earlyRefreshBeta must be a finite number >= 0: -1.0");
        assertThatThrownBy(() -> builder.earlyRefreshBeta(Double.POSITIVE_INFINITY))
                .hasMessage("earlyRefreshBeta must be a finite number >= 0: Infinity");
        assertThatThrownBy(() -> builder.negativeTtl(Duration.ofNanos(1)))
                .hasMessage("negativeTtl must be at least 1 ms: PT0.000000001S");
        assertThatThrownBy(() -> builder.negativeTtl(Duration.ofSeconds(-1)))
                .hasMessage("negativeTtl must not be negative: PT-1S");
        assertThatThrownBy(() -> builder.localTtlCap(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("localTtlCap");
        assertThatThrownBy(() -> builder.redisBreaker(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("redisBreaker");
        assertThatThrownBy(() -> builder.leaseTtl(Duration.ZERO)).hasMessage("leaseTtl must be at least 1 ms: PT0S");
        assertThatThrownBy(() -> builder.leaseWait(Duration.ofMillis(-1)))
                .hasMessage("leaseWait must not be negative: PT-0.001S");
        assertThatThrownBy(() -> builder.namespaceCheckInterval(Duration.ZERO))
                .hasMessage("namespaceCheckInterval must be positive: PT0S");
        assertThatThrownBy(() -> builder.compressAbove(0)).hasMessage("compressAbove must be at least 1 byte: 0");
    }

    @Test
    void theBuilderRefusesBadNamesAndWeights() {
        assertThatThrownBy(() -> TrafficCache.builder("", Codec.string()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash tag must not be empty");
        assertThatThrownBy(() -> TrafficCache.builder("a{b}", Codec.string()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain '{' or '}'");
        assertThatThrownBy(() -> TrafficCache.builder("ok", Codec.string()).localMaximumWeight(0, String::length))
                .hasMessage("localMaximumWeight must be at least 1: 0");
    }

    @Test
    void outcomesNameTheirSourceAndHeader() {
        assertThat(CacheOutcome.values())
                .extracting(CacheOutcome::header)
                .containsExactly(
                        "HIT:memory",
                        "HIT:redis",
                        "MISS:loaded",
                        "MISS:shared",
                        "MISS:leased",
                        "STALE:revalidating",
                        "STALE:error",
                        "STALE:leased");
        assertThat(CacheOutcome.values())
                .extracting(CacheOutcome::source)
                .containsExactly(
                        CacheSource.MEMORY_HIT,
                        CacheSource.REDIS_HIT,
                        CacheSource.MISS,
                        CacheSource.MISS,
                        CacheSource.MISS,
                        CacheSource.STALE,
                        CacheSource.STALE,
                        CacheSource.STALE);
        for (CacheOutcome outcome : CacheOutcome.values()) {
            assertThat(new CacheResult<>("v", outcome).isStale()).isEqualTo(outcome.source() == CacheSource.STALE);
        }
    }
}
