package dev.headroom.jobs;

import dev.headroom.core.Scheduler;
import dev.headroom.jobs.internal.coalescing.DefaultCoalescingQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An in-process queue that collapses bursts of work per key: many submissions for one key (such as
 * {@code "client-42:2026-05-01"}) become one run with the latest payload.
 *
 * <p>Guarantees, per key:
 *
 * <ul>
 *   <li><b>Trailing-edge debounce, latest payload wins.</b> A key runs once its {@link
 *       CoalescingConfig#debounce() debounce window} has passed without a new submission, with the
 *       last payload submitted.
 *   <li><b>Bounded wait.</b> A steady stream cannot postpone a key forever: it runs at most {@link
 *       CoalescingConfig#maxWait() max wait} after the first submission it has pending.
 *   <li><b>One run at a time.</b> Submissions that arrive while the key runs are held, the latest
 *       replacing earlier ones, and cause exactly one follow-up run after the current one (debounced
 *       like any other submission). None is dropped; none runs concurrently with the key's run.
 *   <li><b>Failures never wedge a key.</b> A run that throws is logged, counted and retried with
 *       exponential backoff up to {@link CoalescingConfig#maxAttempts()} attempts; a newer payload
 *       submitted meanwhile replaces the retry. Other keys are never held up.
 *   <li><b>Skip cache.</b> When {@link CoalescingConfig#skipTtl()} is set, a run whose payload
 *       signature equals that of a result computed for the key within the TTL skips the compute step;
 *       the after-step still runs with that result.
 * </ul>
 *
 * <p>Runs execute on the builder's executor (by default Headroom's shared executor: a virtual thread
 * per run where the JDK has them, else a cached pool), with no cap on runs at once unless {@link
 * CoalescingConfig#maxConcurrentRuns()} sets one. Time comes from the {@link Scheduler}'s ticker:
 * with a {@link dev.headroom.core.ManualScheduler} and an executor such as {@code Runnable::run}, a queue is fully
 * deterministic in tests. {@link #submit(Object, Object)} never blocks on a run and never throws
 * for a valid key and payload. Thread-safe.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 * @param <P> the payload type
 */
public interface CoalescingQueue<K, P> extends AutoCloseable {

    /**
     * Submits a payload for a key.
     *
     * @param key the key whose work this is
     * @param payload the latest state to work on; replaces any payload pending for the key
     * @return what became of the submission; {@link SubmitOutcome#REJECTED} once shutting down
     */
    SubmitOutcome submit(K key, P payload);

    /**
     * Returns the queue's name, as used in logs and metrics.
     *
     * @return the name given to the builder
     */
    String name();

    /**
     * Returns the current counters.
     *
     * @return a snapshot
     */
    CoalescingStats stats();

    /**
     * Stops accepting submissions, then runs or drops pending work by {@code policy} and waits for
     * running work, at most {@code timeout} on the scheduler's ticker. Idempotent: later calls return
     * the first call's report.
     *
     * @param policy what to do with pending work
     * @param timeout how long to wait for running and pending work
     * @return a future of what did not run, completed when everything finished or the timeout hit
     */
    CompletableFuture<ShutdownReport<K, P>> shutdownAsync(ShutdownPolicy policy, Duration timeout);

    /**
     * Shuts down as {@link #shutdownAsync(ShutdownPolicy, Duration)} does and waits for the report.
     *
     * @param policy what to do with pending work
     * @param timeout how long to wait for running and pending work
     * @return what did not run
     */
    default ShutdownReport<K, P> shutdown(ShutdownPolicy policy, Duration timeout) {
        return shutdownAsync(policy, timeout).join();
    }

    /**
     * Shuts down with {@link ShutdownPolicy#RUN_PENDING} and {@link
     * CoalescingConfig#shutdownTimeout()}, logging what did not run.
     */
    @Override
    void close();

    /**
     * Starts building a queue whose runs call {@code compute}.
     *
     * @param compute the expensive step of every run
     * @param <K> the key type
     * @param <P> the payload type
     * @param <R> the compute step's result type
     * @return a builder
     */
    static <K, P, R extends @Nullable Object> Builder<K, P, R> builder(ComputeStep<K, P, R> compute) {
        return new Builder<>(compute);
    }

    /**
     * Configures a {@link CoalescingQueue}. Not thread-safe; {@link #build()} may be called more than
     * once, each time building an independent queue.
     *
     * @param <K> the key type
     * @param <P> the payload type
     * @param <R> the compute step's result type
     */
    final class Builder<K, P, R extends @Nullable Object> {

        /** The name of a queue built without {@link #name(String)}: {@value}. */
        public static final String DEFAULT_NAME = "coalescing";

        private final ComputeStep<K, P, R> compute;
        private AfterStep<K, P, R> after = (key, payload, result) -> {};
        private Function<? super P, ?> signature = Function.identity();
        private CoalescingConfig config = CoalescingConfig.ofDefaults();
        private Scheduler scheduler = Scheduler.system();
        private @Nullable Executor executor;
        private String name = DEFAULT_NAME;

        private Builder(ComputeStep<K, P, R> compute) {
            this.compute = Objects.requireNonNull(compute, "compute");
        }

        /**
         * Sets the step run after every compute step, and after every skipped one with the kept
         * result. Default: nothing.
         *
         * @param after the after-step
         * @return this builder
         */
        public Builder<K, P, R> after(AfterStep<K, P, R> after) {
            this.after = Objects.requireNonNull(after, "after");
            return this;
        }

        /**
         * Sets how the skip cache recognizes an unchanged payload: two payloads of a key are the same
         * when their signatures are {@code equals}. Default: the payload itself. Supply a compact
         * hash or version (a content digest, an updated-at stamp) to keep less in memory.
         *
         * @param signature maps a payload to its signature; must not return null
         * @return this builder
         */
        public Builder<K, P, R> signature(Function<? super P, ?> signature) {
            this.signature = Objects.requireNonNull(signature, "signature");
            return this;
        }

        /**
         * Sets the queue's settings. Default {@link CoalescingConfig#ofDefaults()}.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder<K, P, R> config(CoalescingConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets where timers run and what time it is. Default {@link Scheduler#system()}.
         *
         * @param scheduler the scheduler; a {@link dev.headroom.core.ManualScheduler} in tests
         * @return this builder
         */
        public Builder<K, P, R> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets where runs execute. The queue never shuts a given executor down. Default: Headroom's
         * shared executor, a new virtual thread per run where the JDK has them, else a cached pool
         * of daemon threads.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder<K, P, R> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Names the queue for logs and metrics. Default {@value #DEFAULT_NAME}.
         *
         * @param name a non-blank name
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder<K, P, R> name(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank: '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Builds and starts the queue.
         *
         * @return a running queue; close it when done
         */
        public CoalescingQueue<K, P> build() {
            return new DefaultCoalescingQueue<>(
                    name, config, compute, after, signature, scheduler, executor, DefaultCoalescingQueue::logHealth);
        }
    }
}
