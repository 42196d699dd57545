package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.jobs.JobQueueConfig;
import java.util.concurrent.Executor;

/**
 * What a {@link DefaultJobQueue} is made of.
 *
 * @param name the queue's name, a valid hash tag
 * @param payloadCodec encodes payloads, inside core's envelope
 * @param resultCodec encodes results, inside core's envelope
 * @param backend the queue's store
 * @param config the queue's settings
 * @param scheduler timers and time
 * @param executor where handlers and blocking store calls run; never shut down by the queue
 * @param guard guards the store calls
 */
record QueueParts<P, R>(
        String name,
        Codec<P> payloadCodec,
        Codec<R> resultCodec,
        Backend backend,
        JobQueueConfig config,
        Scheduler scheduler,
        Executor executor,
        GuardedRedis guard) {}
