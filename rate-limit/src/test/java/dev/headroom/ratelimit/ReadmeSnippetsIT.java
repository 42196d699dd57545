package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rate-limit snippets offered for the README, compiled and run as written. */
@ExtendWith(RedisExtension.class)
class ReadmeSnippetsIT {

    @Test
    void inMemorySnippet() {
        String userId = "user-42";
        // --- snippet 1 ---
        RateLimiter limiter = RateLimiter.local(
                RateLimitPolicy.of(
                        "api",
                        Limit.tokenBucket("burst", 10, 10, Duration.ofSeconds(1)),
                        Limit.slidingWindow("hourly", 1000, Duration.ofHours(1))),
                RateLimiterConfig.ofDefaults());

        Decision decision = limiter.tryAcquire(userId);
        Map<String, String> headers = RateLimitHeaders.of(decision); // RateLimit-Policy, RateLimit, Retry-After
        if (!decision.isAllowed()) {
            // answer 429 with the headers
        }
        // --- end ---
        assertThat(decision.isAllowed()).isTrue();
        assertThat(headers).containsKeys("RateLimit-Policy", "RateLimit");
    }

    @Test
    void redisSnippet(TestRedis server) {
        String orgId = TestRedis.uniquePrefix("acme");
        String userId = "alice";
        // --- snippet 2 ---
        try (HeadroomRedis redis = HeadroomRedis.connect(server.uri())) {
            RateLimiter limiter = RateLimiter.redis(
                    RateLimitPolicy.builder("api")
                            .scope("org", Limit.gcra("org", 1000, Duration.ofMinutes(1), 100))
                            .scope("user", Limit.tokenBucket("user", 20, 10, Duration.ofSeconds(1)))
                            .build(),
                    RateLimiterConfig.builder()
                            .failurePolicy(FailurePolicy.localFallback(4)) // 4 instances share the limit
                            .build(),
                    redis);

            Decision decision = limiter.tryAcquire(List.of(orgId, userId), 1); // one EVALSHA, all or nothing
            // --- end ---
            assertThat(decision.source()).isIn(Decision.Source.REDIS, Decision.Source.LOCAL_FALLBACK);
        }
    }
}
