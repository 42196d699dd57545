package dev.headroom.ratelimit;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The abuse guard contract on a real standalone Redis, fail-closed so that no failure hides. */
@ExtendWith(RedisExtension.class)
class RedisAbuseGuardContractIT extends AbuseGuardContract {

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
