package dev.headroom.ratelimit;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rate limiter contract on a real standalone Redis, on the contract's manual clock. */
@ExtendWith(RedisExtension.class)
class RedisRateLimiterContractIT extends RateLimiterContract {

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
    protected RateLimiter create(RateLimitPolicy policy) {
        return RedisTestComponents.rateLimiter(policy, redis, scheduler);
    }

    @Override
    protected Decision.Source source() {
        return Decision.Source.REDIS;
    }

    @Override
    protected String name(String base) {
        return TestRedis.uniquePrefix(base);
    }
}
