package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Multi-limit, multi-key decisions on a real three-master Redis Cluster through the public factory,
 * on Redis time: every key of a decision shares the first key's hash tag, so no decision fails with
 * CROSSSLOT (which the failure policy would hide, so every decision must come from Redis), and
 * different organizations spread over the masters.
 */
@ExtendWith(RedisExtension.class)
class RedisClusterRateLimiterIT {

    @Test
    void organizationAndUserLimitsDecideTogetherOnACluster(TestRedisCluster cluster) {
        String policy = TestRedis.uniquePrefix("cluster");
        try (HeadroomRedis redis = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisTestComponents.PATIENT)) {
            RateLimiter limiter = RateLimiter.redis(
                    RateLimitPolicy.builder(policy)
                            .scope("org", Limit.fixedWindow("org", 3, Duration.ofHours(1)))
                            .scope(
                                    "user",
                                    Limit.tokenBucket("burst", 2, 1, Duration.ofHours(1)),
                                    Limit.slidingWindow("hourly", 10, Duration.ofHours(1)))
                            .build(),
                    RateLimiterConfig.builder()
                            .failurePolicy(FailurePolicy.failClosed())
                            .build(),
                    redis);

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
}
