package dev.headroom.cache;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract of a cache with both tiers, its Redis tier on a three-master Redis Cluster. */
@ExtendWith(RedisExtension.class)
class ClusterTrafficCacheContractIT extends TrafficCacheContract {

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedisCluster cluster) {
        redis = RedisTestSupport.connectCluster(cluster.nodeUris());
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
        return TestRedis.uniquePrefix("cluster-contract");
    }
}
