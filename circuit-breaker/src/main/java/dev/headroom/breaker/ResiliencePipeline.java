package dev.headroom.breaker;

import dev.headroom.breaker.internal.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one way Headroom stacks its guards around a call. The order is fixed, whatever order the
 * builder is called in, outermost first:
 *
 * <ol>
 *   <li><b>fallback</b> (given per call): answers every failure, refusals included;
 *   <li><b>{@link CircuitBreaker}</b>: judges each logical call once, after its retries, and when
 *       open refuses it before any attempt is made;
 *   <li><b>{@link AdaptiveThrottle}</b>: counts logical requests and sheds a share of them while
 *       the dependency rejects calls;
 *   <li><b>{@link Retry}</b>: repeats failed attempts within its budget; it does not retry the
 *       inner guards' refusals ({@link CallRejectedException}) by default;
 *   <li><b>{@link TimeLimiter}</b>: bounds each attempt separately, including any wait for a
 *       bulkhead slot, and stops the attempt's work when it is late;
 *   <li><b>{@link Bulkhead}</b>: holds a slot only while an attempt runs, never during a backoff;
 *   <li>the call.
 * </ol>
 *
 * <p>Every layer is optional. A pipeline holds no per-call state: build it once and share it.
 *
 * <pre>{@code
 * ResiliencePipeline pipeline = ResiliencePipeline.builder("profiles")
 *         .circuitBreaker(breaker)
 *         .retry(retry)
 *         .timeLimiter(timeLimiter)
 *         .build();
 * Profile profile = pipeline.call(() -> client.profile(id), failure -> Profile.anonymous(id));
 * }</pre>
 */
public final class ResiliencePipeline implements Guard {

    private final String name;
    private final List<Guard> layers;

    private ResiliencePipeline(Builder builder) {
        this.name = builder.name;
        List<Guard> outermostFirst = new ArrayList<>();
        addIfSet(outermostFirst, builder.circuitBreaker);
        addIfSet(outermostFirst, builder.adaptiveThrottle);
        addIfSet(outermostFirst, builder.retry);
        addIfSet(outermostFirst, builder.timeLimiter);
        addIfSet(outermostFirst, builder.bulkhead);
        this.layers = List.copyOf(outermostFirst);
    }

    private static void addIfSet(List<Guard> layers, @Nullable Guard layer) {
        if (layer != null) {
            layers.add(layer);
        }
    }

    /**
     * Returns a builder with no layers.
     *
     * @param name the pipeline's name, usually the dependency it guards
     * @return a new builder
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Builder builder(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("name must not be blank: '" + name + "'");
        }
        return new Builder(name);
    }

    /**
     * Returns the pipeline's name.
     *
     * @return the name given to {@link #builder(String)}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the layers, outermost first, in the order the class documentation states.
     *
     * @return the guards a call passes through; the fallback, given per call, is not among them
     */
    public List<Guard> layers() {
        return layers;
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        Callable<V> chain = callable;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Guard layer = layers.get(i);
            Callable<V> inner = chain;
            chain = () -> layer.call(inner);
        }
        return chain.call();
    }

    /**
     * Runs {@code callable} through the layers and answers with {@code fallback} if any layer
     * refused it or the call failed with an exception. Errors propagate. If the thread was
     * interrupted, its interrupt status is set again before the fallback runs.
     *
     * @param <V> the result type
     * @param callable the work
     * @param fallback turns the failure into an answer
     * @return the call's result or the fallback's
     */
    public <V extends @Nullable Object> V call(
            Callable<V> callable, Function<? super Exception, ? extends V> fallback) {
        try {
            return call(callable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback.apply(e);
        } catch (Exception e) {
            return fallback.apply(e);
        }
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        Supplier<? extends CompletionStage<V>> chain = stageSupplier;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Guard layer = layers.get(i);
            Supplier<? extends CompletionStage<V>> inner = chain;
            chain = () -> layer.callAsync(inner);
        }
        return Calls.start(chain);
    }

    /**
     * Runs an asynchronous call through the layers and answers with {@code fallback} if any layer
     * refused it or its stage failed. Cancelling the returned future cancels the call.
     *
     * @param <V> the result type
     * @param stageSupplier starts the work; called once per attempt
     * @param fallback turns the failure into an answer
     * @return a stage with the call's result or the fallback's
     */
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier, Function<? super Throwable, ? extends V> fallback) {
        CompletableFuture<V> guarded = callAsync(stageSupplier).toCompletableFuture();
        CompletableFuture<V> answered =
                guarded.handle((value, error) -> error == null ? value : fallback.apply(Calls.unwrap(error)));
        Calls.onCancellation(answered, () -> guarded.cancel(true));
        return answered;
    }

    @Override
    public String toString() {
        StringJoiner joined = new StringJoiner(" -> ", "ResiliencePipeline[" + name + ": ", "]");
        joined.add("fallback");
        layers.forEach(layer -> joined.add(layer.toString()));
        return joined.add("call").toString();
    }

    /** Collects the layers; each may be set once, in any order. */
    public static final class Builder {
        private final String name;
        private @Nullable Guard circuitBreaker;
        private @Nullable Guard adaptiveThrottle;
        private @Nullable Guard retry;
        private @Nullable Guard timeLimiter;
        private @Nullable Guard bulkhead;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the circuit breaker.
         *
         * @param breaker the breaker
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreaker breaker) {
            this.circuitBreaker = breaker;
            return this;
        }

        /**
         * Sets the adaptive throttle.
         *
         * @param throttle the throttle
         * @return this builder
         */
        public Builder adaptiveThrottle(AdaptiveThrottle throttle) {
            this.adaptiveThrottle = throttle;
            return this;
        }

        /**
         * Sets the retry.
         *
         * @param retry the retry
         * @return this builder
         */
        public Builder retry(Retry retry) {
            this.retry = retry;
            return this;
        }

        /**
         * Sets the time limiter.
         *
         * @param timeLimiter the time limiter
         * @return this builder
         */
        public Builder timeLimiter(TimeLimiter timeLimiter) {
            this.timeLimiter = timeLimiter;
            return this;
        }

        /**
         * Sets the bulkhead; calls run at {@link Priority#NORMAL}.
         *
         * @param bulkhead the bulkhead
         * @return this builder
         */
        public Builder bulkhead(Bulkhead bulkhead) {
            this.bulkhead = bulkhead;
            return this;
        }

        /**
         * Sets the bulkhead and the priority calls through this pipeline run at. Build one
         * pipeline per priority class to share a bulkhead between them.
         *
         * @param bulkhead the bulkhead
         * @param priority the priority of every call through the pipeline
         * @return this builder
         */
        public Builder bulkhead(Bulkhead bulkhead, Priority priority) {
            this.bulkhead = bulkhead.forPriority(priority);
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return an immutable pipeline
         */
        public ResiliencePipeline build() {
            return new ResiliencePipeline(this);
        }
    }
}
