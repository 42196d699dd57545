package dev.headroom.jobs;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract on a standalone Redis; the server's clock is real. */
@ExtendWith(RedisExtension.class)
class RedisJobQueueIT extends JobQueueContract {

    /** Generous timeouts: a 2-core machine shared with other builds starves Redis at times. */
    static final RedisSettings TEST_SETTINGS = RedisSettings.builder()
            .commandTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private @Nullable HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedis server) {
        redis = HeadroomRedis.connect(server.uri(), TEST_SETTINGS);
    }

    @AfterEach
    void disconnect() {
        closeQueues();
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected JobQueue<String, String> create(JobQueueConfig config) {
        return JobQueue.builder(Codec.string(), Codec.string())
                .redis(java.util.Objects.requireNonNull(redis))
                .config(config)
                .build();
    }

    @Override
    protected void elapse(Duration amount) {
        // Redis keeps time; the awaited conditions let it pass.
    }

    @Override
    protected void tick() {
        // the server keeps time
    }
}
