package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import java.util.concurrent.Executor;

/** Queues that only tests may build: on Redis with a manual clock, or over a store a test made. */
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
        Executor executor = DefaultExecutor.shared();
        RedisBackend backend = new RedisBackend(redis, name, config, scheduler, executor, scheduler.ticker());
        return new DefaultJobQueue<>(new QueueParts<>(
                name, payloads, results, backend, config, scheduler, executor, JobQueues.guard(name, null, scheduler)));
    }

    /** A queue of strings named {@code q} over {@code backend}, its handlers run on {@code executor}. */
    static DefaultJobQueue<String, String> over(
            Backend backend, JobQueueConfig config, Scheduler scheduler, Executor executor) {
        return new DefaultJobQueue<>(new QueueParts<>(
                "q",
                Codec.string(),
                Codec.string(),
                backend,
                config,
                scheduler,
                executor,
                JobQueues.guard("q", null, scheduler)));
    }
}
