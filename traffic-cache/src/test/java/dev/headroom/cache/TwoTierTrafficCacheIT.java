package dev.headroom.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.codec.CodecException;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract of a cache with both tiers, and what the Redis tier adds. */
@ExtendWith(RedisExtension.class)
class TwoTierTrafficCacheIT extends TrafficCacheContract {

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedis server) {
        redis = RedisTestSupport.connect(server.uri());
    }

    @AfterEach
    void disconnect() {
        closeCaches();
        redis.close();
    }

    @Override
    TrafficCache.Builder<String> tiers(TrafficCache.Builder<String> builder) {
        return builder.redis(redis);
    }

    @Override
    String uniqueName() {
        return TestRedis.uniquePrefix("two-tier");
    }

    @Test
    void anotherInstanceReadsTheValueFromRedisThenFromMemory() {
        String name = uniqueName();
        TrafficCache<String> first = cache(name, exact().build(), () -> 1.0);
        TrafficCache<String> second = cache(name, exact().build(), () -> 1.0);
        CountingLoader loader = new CountingLoader();

        assertThat(first.getOrSetResult("k", TTL, loader).header()).isEqualTo("MISS:loaded");
        assertThat(second.getOrSetResult("k", TTL, loader))
                .isEqualTo(new CacheResult<>("value-1", CacheOutcome.HIT_REDIS));
        assertThat(second.getOrSetResult("k", TTL, loader).header()).isEqualTo("HIT:memory");
        assertThat(loader.calls).hasValue(1);
        assertThat(second.stats().redisHits()).isEqualTo(1);
    }

    @Test
    void theLocalTierAsksRedisAgainAfterTheCap() {
        String name = uniqueName();
        TrafficCacheConfig capped = exact().localTtlCap(Duration.ofSeconds(1)).build();
        TrafficCache<String> writer = cache(name, capped, () -> 1.0);
        TrafficCache<String> reader = cache(name, capped, () -> 1.0);
        writer.getOrSet("k", TTL, () -> "v1");
        assertThat(reader.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:redis");

        ticker.advance(Duration.ofMillis(999));
        assertThat(reader.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:memory");
        ticker.advanceMillis(1);
        assertThat(reader.getOrSetResult("k", TTL, () -> "x").header()).isEqualTo("HIT:redis");
    }

    @Test
    void bytesThatDoNotDecodeAreAMissNeverAnException() {
        String name = uniqueName();
        TrafficCache<String> cache = cache(name, exact().build(), () -> 1.0);
        cache.getOrSet("k", TTL, () -> "good");
        byte[] key = RedisTestSupport.onlyValueKey(redis, name);
        RedisPlumbing.of(redis).sync().set(key, RedisTestSupport.bytes("not an envelope"));
        TrafficCache<String> reader = cache(name, exact().build(), () -> 1.0);

        CacheResult<String> read = reader.getOrSetResult("k", TTL, () -> "reloaded");

        assertThat(read).isEqualTo(new CacheResult<>("reloaded", CacheOutcome.MISS_LOADED));
        assertThat(reader.stats().decodeFailures()).isEqualTo(1);
        assertThat(reader.stats().redisMisses()).isEqualTo(1);
    }

    @Test
    void aValueWrittenByAnotherCodecIsAMiss() {
        String name = uniqueName();
        cache(name, exact().build(), () -> 1.0).getOrSet("k", TTL, () -> "written as a string");
        TrafficCache<byte[]> other = TrafficCache.builder(name, Codec.bytes())
                .config(exact().build())
                .ticker(ticker)
                .redis(redis)
                .build();
        try {
            CacheResult<byte[]> read = other.getOrSetResult("k", TTL, () -> new byte[] {1});

            assertThat(read.outcome()).isEqualTo(CacheOutcome.MISS_LOADED);
            assertThat(read.value()).containsExactly(1);
            assertThat(other.stats().decodeFailures()).isEqualTo(1);
        } finally {
            other.close();
        }
    }

    @Test
    void aValueTheCodecCannotEncodeIsServedButKeptOutOfRedis() {
        String name = uniqueName();
        Codec<String> picky = new Codec<>() {
            @Override
            public String id() {
                return "picky";
            }

            @Override
            public byte[] encode(String value) {
                if (value.startsWith("bad")) {
                    throw new CodecException(CodecException.Reason.UNENCODABLE_VALUE, id(), "cannot write " + value);
                }
                return RedisTestSupport.bytes(value);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
        };
        TrafficCache<String> cache = TrafficCache.builder(name, picky)
                .config(exact().build())
                .ticker(ticker)
                .redis(redis)
                .build();
        try {
            assertThat(cache.getOrSet("k", TTL, () -> "bad value")).isEqualTo("bad value");
            assertThat(cache.getOrSetResult("k", TTL, () -> "other").header()).isEqualTo("HIT:memory");
            assertThat(cache.stats().encodeFailures()).isEqualTo(1);
            assertThat(RedisTestSupport.valueKeys(redis, name)).isEmpty();
        } finally {
            cache.close();
        }
    }

    @Test
    void largeValuesAreCompressedInRedisAndReadBack() {
        String name = uniqueName();
        String large = "dashboard row; ".repeat(2000);
        TrafficCache<String> writer = cache(name, exact().compressAbove(1024).build(), () -> 1.0);
        writer.getOrSet("big", TTL, () -> large);

        long stored = RedisPlumbing.of(redis).sync().strlen(RedisTestSupport.onlyValueKey(redis, name));
        TrafficCache<String> reader = cache(name, exact().build(), () -> 1.0);

        assertThat(stored).isLessThan(large.length() / 10);
        assertThat(reader.getOrSetResult("big", TTL, () -> "x"))
                .isEqualTo(new CacheResult<>(large, CacheOutcome.HIT_REDIS));
    }

    @Test
    void redisKeepsAValueForItsJitteredLifetimePlusTheGrace() {
        String name = uniqueName();
        TrafficCache<String> cache = cache(
                name,
                exact().ttlJitter(0.2).staleIfError(Duration.ofSeconds(30)).build(),
                () -> 1.0);
        cache.getOrSet("k", Duration.ofSeconds(100), () -> "v");

        long ttl = RedisPlumbing.of(redis).sync().pttl(RedisTestSupport.onlyValueKey(redis, name));

        assertThat(ttl).isBetween(TimeUnit.SECONDS.toMillis(125), TimeUnit.SECONDS.toMillis(150));
    }

    @Test
    void asyncReadsUseRedisToo() throws Exception {
        String name = uniqueName();
        TrafficCache<String> first = cache(name, exact().build(), () -> 1.0);
        TrafficCache<String> second = cache(name, exact().build(), () -> 1.0);
        first.getOrSetAsync("k", TTL, () -> java.util.concurrent.CompletableFuture.supplyAsync(() -> "async"))
                .get(5, TimeUnit.SECONDS);

        assertThat(second.getOrSetAsync("k", TTL, () -> java.util.concurrent.CompletableFuture.completedFuture("x"))
                        .get(5, TimeUnit.SECONDS))
                .isEqualTo(new CacheResult<>("async", CacheOutcome.HIT_REDIS));
    }

    @Test
    void bulkReadsUseOneMgetForWhatMemoryLacks() {
        String name = uniqueName();
        TrafficCache<String> writer = cache(name, exact().build(), () -> 1.0);
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            values.put("k" + i, "v" + i);
        }
        assertThat(writer.warm(values, TTL)).isTrue();
        TrafficCache<String> reader = cache(name, exact().build(), () -> 1.0);
        long mgets = RedisTestSupport.calls(redis, "mget");

        java.util.Map<String, String> read = reader.getOrSetAll(values.keySet(), TTL, keys -> {
            throw new AssertionError("nothing to load: " + keys);
        });

        assertThat(read).isEqualTo(values);
        assertThat(RedisTestSupport.calls(redis, "mget") - mgets).isEqualTo(1);
        assertThat(reader.stats().redisHits()).isEqualTo(30);
    }
}
