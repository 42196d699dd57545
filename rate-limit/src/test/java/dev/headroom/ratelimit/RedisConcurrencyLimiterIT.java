package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on a standalone Redis, then what only Redis does: lease expiry. */
@ExtendWith(RedisExtension.class)
class RedisConcurrencyLimiterIT extends ConcurrencyLimiterContract {

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedis server) {
        redis = HeadroomRedis.connect(server.uri(), RedisTestComponents.PATIENT);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Override
    protected ConcurrencyLimiter create(String name, int limit) {
        return ConcurrencyLimiter.redis(
                TestRedis.uniquePrefix(name),
                ConcurrencyLimiterConfig.builder()
                        .limit(limit)
                        .failurePolicy(FailurePolicy.failClosed())
                        .build(),
                redis);
    }

    @Override
    protected int threads() {
        return 16;
    }

    @Test
    void aLeaseNeverClosedExpiresAfterTheLeaseTimeout() {
        ManualScheduler scheduler = new ManualScheduler();
        ConcurrencyLimiter limiter = RedisTestComponents.concurrencyLimiter(
                TestRedis.uniquePrefix("expiry"),
                ConcurrencyLimiterConfig.builder()
                        .limit(1)
                        .leaseTimeout(Duration.ofSeconds(30))
                        .failurePolicy(FailurePolicy.failClosed())
                        .build(),
                redis,
                scheduler);

        Lease crashed = limiter.tryAcquire("k");
        assertThat(crashed.isAcquired()).isTrue();
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryAcquire("k").isAcquired()).isFalse();
        scheduler.advance(Duration.ofSeconds(1));
        Lease next = limiter.tryAcquire("k");
        assertThat(next.isAcquired())
                .as("the crashed holder's permit came back")
                .isTrue();
        next.close();
    }
}
