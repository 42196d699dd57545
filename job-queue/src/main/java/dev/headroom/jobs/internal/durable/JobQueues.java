package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.spi.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.internal.JobExecutors;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/** Assembles durable queues for {@link JobQueue.Builder}. */
public final class JobQueues {

    /** The default breaker's rules: the defaults, but open for 1 s so workers resume soon after Redis does. */
    static final CircuitBreakerConfig DEFAULT_BREAKER = CircuitBreakerConfig.ofDefaults().toBuilder()
            .openDuration(Duration.ofSeconds(1))
            .build();

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
     * @param executor where handlers run, or null for a default executor the queue owns
     * @param breaker guards the store, or null for a default breaker
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
        Backend backend = redis == null
                ? new InMemoryBackend(config, scheduler.ticker())
                : new RedisBackend(redis, name, config, null);
        return assemble(name, payloadCodec, resultCodec, backend, config, scheduler, executor, breaker);
    }

    /** Builds a queue over {@code backend}; for this package's tests too. */
    static <P, R> DefaultJobQueue<P, R> assemble(
            String name,
            Codec<P> payloadCodec,
            Codec<R> resultCodec,
            Backend backend,
            JobQueueConfig config,
            Scheduler scheduler,
            @Nullable Executor executor,
            @Nullable CircuitBreaker breaker) {
        ExecutorService owned = null;
        Executor runOn = executor;
        if (runOn == null) {
            owned = JobExecutors.newDefault("headroom-jobs-" + name + "-");
            runOn = owned;
        }
        return new DefaultJobQueue<>(new QueueParts<>(
                name,
                payloadCodec,
                resultCodec,
                backend,
                config,
                scheduler,
                runOn,
                owned,
                breaker != null ? breaker : CircuitBreaker.of("jobs:" + name, DEFAULT_BREAKER, scheduler.ticker())));
    }
}
