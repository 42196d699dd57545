package dev.headroom.jobs;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.jobs.internal.durable.JobQueues;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A durable job queue: one named queue of jobs that survive the process that added them, run at
 * least once by {@link JobWorker}s anywhere. Every instance built with the same name on the same
 * Redis sees the same jobs.
 *
 * <p>One contract, two stores. {@link Builder#redis(HeadroomRedis) On Redis} (standalone or
 * Cluster) every state transition is one Lua script on the server's clock and all keys of a queue
 * share the hash tag {@code hr:{<name>}:}; in memory (the default) the same rules hold within the
 * instance, for users' unit tests. Both pass one contract test kit.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li><b>At least once.</b> A worker leases a job for {@link JobQueueConfig#visibilityTimeout()}
 *       and renews the lease while the job runs, and until its completion is recorded (workers
 *       record completions with their next store call, within {@link
 *       JobQueueConfig#completionDelay()}). If the worker dies, the lease expires and the job
 *       returns to waiting (a stall); a job that stalls more than {@link JobQueueConfig#maxStalls()}
 *       times fails. A lease is completed, failed, renewed or updated only by the worker holding
 *       its token; a late worker's result is discarded.
 *   <li><b>Retries.</b> A failed attempt is retried after the job's {@link JobBackoff}; after its
 *       last attempt the job is dead-lettered ({@link JobState#DEAD}). Whatever the handler or a
 *       codec throws, short of a {@link VirtualMachineError}, fails the attempt this way and frees
 *       the worker's slot; an unreadable payload or result ({@code CodecException}) and {@link
 *       PermanentJobFailure} fail the job at once.
 *   <li><b>Order.</b> Higher priority first, then first come first served; delayed jobs run once
 *       their delay passed.
 *   <li><b>Dedup and debounce.</b> A job id is added once while the job exists. A debounced key has
 *       at most one pending job, whose payload each add replaces; adds while it runs are held for
 *       exactly one follow-up job.
 *   <li><b>Bounded memory.</b> Finished jobs are removed as their {@link Retention} says; the
 *       dead-letter set by {@link JobQueueConfig#deadLetterRetention()}.
 * </ul>
 *
 * <p>Payloads and results cross the store in core's versioned envelope through the given codecs.
 * Store failures reach callers of {@code add}, {@code status}, {@code counts} and {@code redrive}
 * as {@link JobQueueException}; a circuit breaker fails them fast while the store is down, and
 * workers back off meanwhile. Null arguments throw {@link NullPointerException}. Thread-safe.
 *
 * @param <P> the payload type
 * @param <R> the result type
 */
public interface JobQueue<P, R> extends AutoCloseable {

    /**
     * Returns the queue's name, as given to {@link #builder(String, Codec, Codec)}.
     *
     * @return the name
     */
    String name();

    /**
     * Adds a job.
     *
     * @param payload the payload
     * @param options its id, priority, delay, attempts, backoff, retention and debouncing
     * @return the job's id and what was done
     * @throws JobQueueException if the store failed; see {@link JobQueueException#maybeApplied()}
     */
    AddResult add(P payload, JobOptions options);

    /**
     * Adds a job with the default options.
     *
     * @param payload the payload
     * @return the job's id and what was done
     * @throws JobQueueException if the store failed
     */
    default AddResult add(P payload) {
        return add(payload, JobOptions.ofDefaults());
    }

    /**
     * Adds jobs atomically: all of them or, if the store fails, none.
     *
     * @param jobs the jobs, in order
     * @return one result per job, in order
     * @throws JobQueueException if the store failed
     */
    List<AddResult> addBulk(List<JobRequest<P>> jobs);

    /**
     * Reads a job's status.
     *
     * @param jobId the job's id
     * @return the status, or empty if there is no such job (never added, or removed by retention)
     * @throws JobQueueException if the store failed
     */
    Optional<JobStatus<R>> status(String jobId);

    /**
     * Counts the queue's jobs by state.
     *
     * @return the counts, read at one instant
     * @throws JobQueueException if the store failed
     */
    QueueCounts counts();

    /**
     * Moves a dead-lettered job back to waiting with fresh attempts.
     *
     * @param jobId the job's id
     * @return true if the job was dead and is now waiting
     * @throws JobQueueException if the store failed
     */
    boolean redrive(String jobId);

    /**
     * Returns this instance's counters.
     *
     * @return a snapshot
     */
    JobQueueStats stats();

    /**
     * Starts a worker that runs {@code handler} on the queue's jobs.
     *
     * @param options the worker's concurrency
     * @param handler the work
     * @return the running worker; closing the queue closes it
     */
    JobWorker worker(WorkerOptions options, JobHandler<P, R> handler);

    /** Closes every worker (waiting up to {@link JobQueueConfig#shutdownTimeout()} each) and the store's resources. */
    @Override
    void close();

    /**
     * Starts building a queue.
     *
     * @param name the queue's name: not blank, no braces, as it becomes the Redis hash tag
     * @param payloadCodec encodes payloads, inside core's envelope
     * @param resultCodec encodes results, inside core's envelope
     * @param <P> the payload type
     * @param <R> the result type
     * @return a builder; in memory unless {@link Builder#redis(HeadroomRedis)} is called
     * @throws IllegalArgumentException if {@code name} is not a valid hash tag
     */
    static <P, R> Builder<P, R> builder(String name, Codec<P> payloadCodec, Codec<R> resultCodec) {
        return new Builder<>(name, payloadCodec, resultCodec);
    }

    /**
     * Configures a {@link JobQueue}.
     *
     * @param <P> the payload type
     * @param <R> the result type
     */
    final class Builder<P, R> {
        private final String name;
        private final Codec<P> payloadCodec;
        private final Codec<R> resultCodec;
        private @Nullable HeadroomRedis redis;
        private JobQueueConfig config = JobQueueConfig.ofDefaults();
        private Scheduler scheduler = Scheduler.system();
        private @Nullable Executor executor;
        private @Nullable CircuitBreaker breaker;

        private Builder(String name, Codec<P> payloadCodec, Codec<R> resultCodec) {
            Objects.requireNonNull(name, "name");
            try {
                RedisKeys.requireTag(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("name is not a valid queue name: " + e.getMessage(), e);
            }
            this.name = name;
            this.payloadCodec = Objects.requireNonNull(payloadCodec, "payloadCodec");
            this.resultCodec = Objects.requireNonNull(resultCodec, "resultCodec");
        }

        /**
         * Keeps the queue in Redis. The queue never closes the handle.
         *
         * @param redis an open handle, standalone or cluster
         * @return this builder
         */
        public Builder<P, R> redis(HeadroomRedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            return this;
        }

        /**
         * Sets the queue's settings. Default {@link JobQueueConfig#ofDefaults()}.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder<P, R> config(JobQueueConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets where the workers' timers run and, in memory, what time it is. Default {@link
         * Scheduler#system()}. (On Redis, job time is the server's.)
         *
         * @param scheduler the scheduler; a {@link dev.headroom.core.ManualScheduler} in tests of the
         *     in-memory queue
         * @return this builder
         */
        public Builder<P, R> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets where handlers and store calls run. Never shut down by the queue. Default: Headroom's
         * shared executor, a virtual thread per task where the JDK has them, else a cached pool of
         * daemon threads.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder<P, R> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the circuit breaker that guards the store. Default: a breaker named {@code
         * redis:jobs:<name>} on the scheduler's ticker with {@link
         * dev.headroom.breaker.CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}, the rules every Headroom
         * component puts in front of Redis.
         *
         * @param breaker the breaker
         * @return this builder
         */
        public Builder<P, R> breaker(CircuitBreaker breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        /**
         * Builds the queue.
         *
         * @return an open queue; close it when done
         */
        public JobQueue<P, R> build() {
            return JobQueues.create(name, payloadCodec, resultCodec, redis, config, scheduler, executor, breaker);
        }
    }
}
