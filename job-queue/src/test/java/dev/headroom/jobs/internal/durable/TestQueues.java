package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;

/** Queues that only tests may build: on Redis with a manual clock. */
public final class TestQueues {

    private TestQueues() {}

    /**
     * A queue on Redis whose scripts take their time from the scheduler's ticker instead of Redis
     * {@code TIME}, so that a manual scheduler moves job time on Redis as it does in memory.
     */
    public static <P, R> JobQueue<P, R> onRedisWithClock(
            String name,
            Codec<P> payloads,
            Codec<R> results,
            HeadroomRedis redis,
            JobQueueConfig config,
            Scheduler scheduler) {
        return JobQueues.assemble(
                name,
                payloads,
                results,
                new RedisBackend(redis, name, config, scheduler, DefaultExecutor.shared(), scheduler.ticker()),
                config,
                scheduler,
                DefaultExecutor.shared(),
                null);
    }
}
