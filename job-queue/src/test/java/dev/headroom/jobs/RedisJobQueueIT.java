package dev.headroom.jobs;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a standalone Redis; the server's clock is real. */
@ExtendWith(RedisExtension.class)
class RedisJobQueueIT extends RedisJobQueueContract {

    @BeforeEach
    void connect(TestRedis server) {
        use(HeadroomRedis.connect(server.uri(), TEST_SETTINGS));
    }
}
