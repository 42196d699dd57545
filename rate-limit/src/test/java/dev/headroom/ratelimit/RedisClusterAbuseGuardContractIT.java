package dev.headroom.ratelimit;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The abuse guard contract on a real three-master Redis Cluster: a check's three keys share the
 * client's hash tag, so no script fails with CROSSSLOT (which fail-closed would turn into denials
 * the contract does not expect).
 */
@ExtendWith(RedisExtension.class)
class RedisClusterAbuseGuardContractIT extends AbuseGuardContract {

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
    protected AbuseGuard create(String base) {
        return AbuseGuard.redis(TestRedis.uniquePrefix(base), CONFIG, redis, new ManualTicker());
    }

    @Override
    protected Decision.Source source() {
        return Decision.Source.REDIS;
    }

    @Override
    protected int threads() {
        return 16;
    }
}
