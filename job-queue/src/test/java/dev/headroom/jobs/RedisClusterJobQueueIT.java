package dev.headroom.jobs;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedisCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a three-master Redis Cluster: every script's keys share the queue's slot. */
@ExtendWith(RedisExtension.class)
class RedisClusterJobQueueIT extends RedisJobQueueContract {

    @BeforeEach
    void connect(TestRedisCluster cluster) {
        use(HeadroomRedis.connectCluster(cluster.nodeUris(), TEST_SETTINGS));
    }
}
