package dev.headroom.ratelimit;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate limiter contract on a real three-master Redis Cluster: every decision is one script on
 * one node, so a key layout that crossed slots would fail with CROSSSLOT, which the fail-closed
 * policy would turn into denials the contract does not expect.
 */
@ExtendWith(RedisExtension.class)
class RedisClusterRateLimiterContractIT extends RateLimiterContract {

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedisCluster cluster) {
        redis = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisTestComponents.PATIENT);
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
