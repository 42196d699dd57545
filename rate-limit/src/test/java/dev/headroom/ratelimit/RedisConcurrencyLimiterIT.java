package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.ratelimit.internal.RedisConcurrencyLimiter;
import dev.headroom.ratelimit.internal.RedisGuard;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on Redis, then what only Redis does: lease expiry and failure policies. */
@ExtendWith(RedisExtension.class)
class RedisConcurrencyLimiterIT extends ConcurrencyLimiterContract {

    private static final RedisSettings PATIENT =
            RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build();

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedis server) {
        redis = HeadroomRedis.connect(server.uri(), PATIENT);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Override
    protected ConcurrencyLimiter create(String name, int limit) {
        return RedisRateLimiters.builder(redis)
                .failurePolicy(FailurePolicy.failClosed())
                .build()
                .concurrencyLimiter(TestRedis.uniquePrefix(name), limit, Duration.ofMinutes(1));
    }

    @Override
    protected int threads() {
        return 16;
    }

    @Test
    void aLeaseNeverClosedExpiresAfterTheLeaseTimeout() {
        ManualTicker ticker = new ManualTicker();
        long start = ManualTicker.DEFAULT_START.toEpochMilli();
        ConcurrencyLimiter limiter = new RedisConcurrencyLimiter(
                redis,
                TestRedis.uniquePrefix("expiry"),
                1,
                Duration.ofSeconds(30),
                FailurePolicy.failClosed(),
                RedisGuard.NONE,
                ticker,
                10,
                () -> start + ticker.nanoTime() / 1_000_000);

        Lease crashed = limiter.tryAcquire("k");
        assertThat(crashed.isAcquired()).isTrue();
        ticker.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryAcquire("k").isAcquired()).isFalse();
        ticker.advance(Duration.ofSeconds(1));
        Lease next = limiter.tryAcquire("k");
        assertThat(next.isAcquired())
                .as("the crashed holder's permit came back")
                .isTrue();
        next.close();
    }

    @Test
    void whileRedisIsDownTheFailurePolicyAnswers() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis own = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RedisRateLimiters limiters = RedisRateLimiters.builder(own)
                    .failurePolicy(FailurePolicy.localFallback(2))
                    .ticker(Ticker.system())
                    .build();
            ConcurrencyLimiter limiter = limiters.concurrencyLimiter("exports", 4, Duration.ofMinutes(1));
            Lease before = limiter.tryAcquire("org");
            assertThat(before.isAcquired()).isTrue();

            server.stop();

            Lease first = limiter.tryAcquire("org");
            Lease second = limiter.tryAcquire("org");
            Lease third = limiter.tryAcquire("org");
            assertThat(first.isAcquired()).isTrue();
            assertThat(second.isAcquired()).isTrue();
            assertThat(third.isAcquired()).as("this instance's share: 4 / 2").isFalse();
            before.close(); // Redis is away: the lease will expire there on its own
            first.close();
            second.close();
            assertThat(limiter.stats().redisFailures()).isGreaterThanOrEqualTo(4);
            assertThat(limiter.stats().decisions(Decision.Source.LOCAL_FALLBACK, true))
                    .isEqualTo(2);
            assertThat(limiter.stats().decisions(Decision.Source.LOCAL_FALLBACK, false))
                    .isEqualTo(1);
        }
    }
}
