package dev.headroom.jobs;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.jobs.internal.durable.TestQueues;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on a real Redis, on the contract's manual clock: the scripts take their time from it
 * instead of Redis {@code TIME}. Subclasses connect before each test with {@link
 * #use(HeadroomRedis)}, to a standalone server or a cluster.
 */
abstract class RedisJobQueueContract extends JobQueueContract {

    /** Generous timeouts: a 2-core machine shared with other builds starves Redis at times. */
    static final RedisSettings TEST_SETTINGS = RedisSettings.builder()
            .commandTimeout(Duration.ofSeconds(2))
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private @Nullable HeadroomRedis redis;

    /** Makes the queues of the next test use this connection; it is closed after the test. */
    void use(HeadroomRedis connection) {
        this.redis = connection;
    }

    @AfterEach
    void disconnect() {
        closeQueues();
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected JobQueue<String, String> create(
            String name, JobQueueConfig config, Codec<String> payloads, Codec<String> results) {
        return TestQueues.onRedisWithClock(name, payloads, results, Objects.requireNonNull(redis), config, scheduler);
    }
}
