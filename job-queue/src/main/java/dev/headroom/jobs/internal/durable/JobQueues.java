package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Assembles durable queues for {@link JobQueue.Builder}. */
public final class JobQueues {

    /** The component type in Redis meters and breaker names: {@value}. */
    static final String COMPONENT = "jobs";

    private JobQueues() {}

    /**
     * Builds a queue in Redis when {@code redis} is given, else in memory.
     *
     * @param name the queue's name, already validated as a hash tag
     * @param payloadCodec encodes payloads
     * @param resultCodec encodes results
     * @param redis the connection, or null for a queue in memory
     * @param config the settings
     * @param scheduler timers and time
     * @param executor where handlers run, or null for core's shared default executor
     * @param breaker guards the store, or null for a breaker with core's default Redis rules
     * @return an open queue
     */
    public static <P, R> JobQueue<P, R> create(
            String name,
            Codec<P> payloadCodec,
            Codec<R> resultCodec,
            @Nullable HeadroomRedis redis,
            JobQueueConfig config,
            Scheduler scheduler,
            @Nullable Executor executor,
            @Nullable CircuitBreaker breaker) {
        Executor runOn = executor != null ? executor : DefaultExecutor.shared();
        Backend backend = redis == null
                ? new InMemoryBackend(config, scheduler.ticker())
                : new RedisBackend(redis, name, config, scheduler, runOn, null);
        return new DefaultJobQueue<>(new QueueParts<>(
                name, payloadCodec, resultCodec, backend, config, scheduler, runOn, guard(name, breaker, scheduler)));
    }

    /** Guards a queue's store calls with {@code breaker}, or a new breaker with core's default Redis rules. */
    static GuardedRedis guard(String name, @Nullable CircuitBreaker breaker, Scheduler scheduler) {
        return breaker != null
                ? GuardedRedis.of(COMPONENT, name, breaker)
                : GuardedRedis.withDefaultBreaker(COMPONENT, name, scheduler.ticker());
    }

    /**
     * Returns the guard of a queue's store calls, for the metrics binder.
     *
     * @param jobs a queue built by {@link #create}
     * @return its guard
     */
    public static GuardedRedis guard(JobQueue<?, ?> jobs) {
        return ((DefaultJobQueue<?, ?>) jobs).guard();
    }
}
