package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.jobs.JobQueueConfig;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What a queue lends each of its workers.
 *
 * @param store the queue's store, guarded
 * @param wakeUps subscribes a callback to the store's announcements of new work; returns what
 *     unsubscribes
 * @param counters the queue's counters
 * @param scheduler timers and time
 * @param executor where handlers and blocking store calls run
 * @param config the queue's settings
 * @param minTurnIntervalNanos the least time between two turns' starts: the configured interval
 *     for a remote store, zero in memory
 */
record WorkerContext(
        GuardedStore store,
        Function<Runnable, AutoCloseable> wakeUps,
        QueueCounters counters,
        Scheduler scheduler,
        Executor executor,
        JobQueueConfig config,
        long minTurnIntervalNanos) {}
