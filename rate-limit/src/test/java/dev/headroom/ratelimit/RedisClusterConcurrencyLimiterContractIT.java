package dev.headroom.ratelimit;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on a real three-master Redis Cluster, fail-closed so no failure hides. */
@ExtendWith(RedisExtension.class)
class RedisClusterConcurrencyLimiterContractIT extends ConcurrencyLimiterContract {

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
}
