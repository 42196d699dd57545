package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Multi-limit, multi-key decisions on a real three-master Redis Cluster: every key of a decision
 * shares the first key's hash tag, so no decision fails with CROSSSLOT (which the failure policy
 * would hide, so every decision must come from Redis), and different organizations spread over the
 * masters.
 */
@ExtendWith(RedisExtension.class)
class RedisClusterRateLimiterIT {

    private static final RedisSettings PATIENT =
            RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build();

    @Test
    void organizationAndUserLimitsDecideTogetherOnACluster(TestRedisCluster cluster) {
        String policy = TestRedis.uniquePrefix("cluster");
        try (HeadroomRedis redis = HeadroomRedis.connectCluster(cluster.nodeUris(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis)
                    .failurePolicy(FailurePolicy.failClosed())
                    .build()
                    .limiter(RateLimitPolicy.builder(policy)
                            .scope("org", Limit.fixedWindow("org", 3, Duration.ofHours(1)))
                            .scope(
                                    "user",
                                    Limit.tokenBucket("burst", 2, 1, Duration.ofHours(1)),
                                    Limit.slidingWindow("hourly", 10, Duration.ofHours(1)))
                            .build());

            for (int org = 0; org < 30; org++) {
                List<String> alice = List.of("org-" + org, "alice");
                List<String> bob = List.of("org-" + org, "bob");
                assertThat(limiter.tryAcquire(alice, 1).source()).isEqualTo(Decision.Source.REDIS);
                assertThat(limiter.tryAcquire(alice, 1).isAllowed()).isTrue();
                Decision aliceDenied = limiter.tryAcquire(alice, 1);
                assertThat(aliceDenied.isAllowed()).isFalse();
                assertThat(aliceDenied.source()).isEqualTo(Decision.Source.REDIS);
                assertThat(aliceDenied.limit().name()).isEqualTo("burst");
                Decision bobFirst = limiter.tryAcquire(bob, 1);
                assertThat(bobFirst.isAllowed()).isTrue();
                assertThat(bobFirst.limit().name()).isEqualTo("org");
                Decision bobDenied = limiter.tryAcquire(bob, 1);
                assertThat(bobDenied.isAllowed()).isFalse();
                assertThat(bobDenied.limit().name()).isEqualTo("org");
            }
            assertThat(limiter.stats().redisFailures()).isZero();
        }
    }

    @Test
    void theContractHoldsOnACluster(TestRedisCluster cluster) {
        ManualTicker ticker = new ManualTicker();
        long startMicros = ManualTicker.DEFAULT_START.toEpochMilli() * 1000;
        try (HeadroomRedis redis = HeadroomRedis.connectCluster(cluster.nodeUris(), PATIENT)) {
            RateLimiter limiter = new dev.headroom.ratelimit.internal.RedisRateLimiter(
                    RateLimitPolicy.of(TestRedis.uniquePrefix("cgcra"), Limit.gcra("g", 10, Duration.ofSeconds(1), 2)),
                    redis,
                    FailurePolicy.failClosed(),
                    dev.headroom.ratelimit.internal.RedisGuard.NONE,
                    ticker,
                    100,
                    () -> startMicros + ticker.nanoTime() / 1000);
            for (int key = 0; key < 20; key++) {
                assertThat(limiter.tryAcquire("k" + key).remaining()).isEqualTo(1);
                assertThat(limiter.tryAcquire("k" + key).remaining()).isZero();
                assertThat(limiter.tryAcquire("k" + key).retryAfter()).isEqualTo(Duration.ofMillis(100));
            }
            ticker.advanceMillis(100);
            assertThat(limiter.tryAcquire("k0").isAllowed()).isTrue();
        }
    }

    @Test
    void bansAreSharedOnACluster(TestRedisCluster cluster) {
        String name = TestRedis.uniquePrefix("cban");
        try (HeadroomRedis redis = HeadroomRedis.connectCluster(cluster.nodeUris(), PATIENT)) {
            AbuseGuardConfig config = AbuseGuardConfig.builder(name)
                    .rate(2, Duration.ofMinutes(1))
                    .build();
            AbuseGuard one = AbuseGuard.redis(redis, config, new ManualTicker());
            AbuseGuard two = AbuseGuard.redis(redis, config, new ManualTicker());
            for (int client = 0; client < 10; client++) {
                String ip = "203.0.113." + client;
                one.check(ip);
                two.check(ip);
                assertThat(one.check(ip).outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
                assertThat(two.check(ip).outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
            }
            assertThat(one.stats().redisFailures()).isZero();
        }
    }
}
