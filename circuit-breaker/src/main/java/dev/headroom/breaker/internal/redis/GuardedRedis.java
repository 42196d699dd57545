package dev.headroom.breaker.internal.redis;

import dev.headroom.breaker.CallNotPermittedException;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.Ticker;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one way a Headroom component calls Redis: ask the breaker, run the call timed on the
 * breaker's {@link Ticker}, report how it ended, and on a refusal or a failure answer with the
 * caller's fallback, never with an exception of its own. A failed call is counted once, in {@link
 * #failures()}, which {@link RedisFailureMeter} publishes as {@value RedisFailureMeter#NAME} tagged
 * with this guard's {@link #component()} and {@link #name()}.
 *
 * <p>The fallback receives why Redis gave no answer: a {@link CallNotPermittedException} carrying
 * the breaker's name and state when the breaker refused the call (counted in {@link #refusals()},
 * not as a failure), else the call's own failure, unwrapped from {@link
 * java.util.concurrent.CompletionException}. A call that throws synchronously, or whose supplier
 * returns null, fails like one whose future fails. The fallback may itself throw, to turn the
 * failure into the component's own exception; that exception reaches the caller (or fails the
 * returned future) and is not counted again. {@link Error}s are reported to the breaker and
 * propagate.
 *
 * <p>Thread-safe; one guard per component instance, sharing the component's breaker.
 */
public final class GuardedRedis {

    private final String component;
    private final String name;
    private final CircuitBreaker breaker;
    private final LongAdder failures = new LongAdder();
    private final LongAdder refusals = new LongAdder();

    private GuardedRedis(String component, String name, CircuitBreaker breaker) {
        this.component = requireNonBlank("component", component);
        this.name = requireNonBlank("name", name);
        this.breaker = Objects.requireNonNull(breaker, "breaker");
    }

    /**
     * Creates a guard over a breaker the component was given or built.
     *
     * @param component the component type, as in meter names: {@code ratelimit}, {@code cache},
     *     {@code jobs}, ...
     * @param name the component instance's name
     * @param breaker the breaker that judges the Redis calls; its ticker times them
     * @return a guard
     * @throws IllegalArgumentException if {@code component} or {@code name} is blank
     */
    public static GuardedRedis of(String component, String name, CircuitBreaker breaker) {
        return new GuardedRedis(component, name, breaker);
    }

    /**
     * Creates a guard over a new breaker with {@link CircuitBreakerConfig#DEFAULT_REDIS_BREAKER},
     * named {@code redis:<component>:<name>}.
     *
     * @param component the component type, as in meter names
     * @param name the component instance's name
     * @param ticker the clock that times calls and the open period
     * @return a guard with its own breaker
     * @throws IllegalArgumentException if {@code component} or {@code name} is blank
     */
    public static GuardedRedis withDefaultBreaker(String component, String name, Ticker ticker) {
        return of(component, name, defaultBreaker(component, name, ticker));
    }

    /**
     * Creates the breaker {@link #withDefaultBreaker} uses, for a component that also needs the
     * breaker itself (to expose its state, or to share it between guards).
     *
     * @param component the component type, as in meter names
     * @param name the component instance's name
     * @param ticker the clock that times calls and the open period
     * @return a CLOSED breaker named {@code redis:<component>:<name>} with {@link
     *     CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}
     */
    public static CircuitBreaker defaultBreaker(String component, String name, Ticker ticker) {
        return CircuitBreaker.of(
                "redis:" + requireNonBlank("component", component) + ':' + requireNonBlank("name", name),
                CircuitBreakerConfig.DEFAULT_REDIS_BREAKER,
                ticker);
    }

    /**
     * Runs a blocking Redis call through the breaker.
     *
     * @param <T> the answer's type
     * @param call the Redis call
     * @param fallback the answer when the breaker refuses the call or the call throws a {@link
     *     RuntimeException}
     * @return the call's answer, or the fallback's
     */
    public <T extends @Nullable Object> T call(
            Supplier<T> call, Function<? super RuntimeException, ? extends T> fallback) {
        return breaker.supply(call, failure -> fallback.apply(counted(failure)));
    }

    /**
     * Runs an asynchronous Redis call through the breaker. Cancelling the returned future gives the
     * breaker's permit back and cancels the call's future.
     *
     * @param <T> the answer's type
     * @param call starts the Redis call
     * @param fallback the answer when the breaker refuses the call or the call fails
     * @return a future of the call's answer or the fallback's; it fails only if the fallback throws
     */
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            Supplier<? extends CompletionStage<T>> call, Function<? super Throwable, ? extends T> fallback) {
        return breaker.<T>callAsync(call, failure -> fallback.apply(counted(failure)))
                .toCompletableFuture();
    }

    /**
     * Returns how many Redis calls failed: threw, or completed exceptionally.
     *
     * @return the count since creation
     */
    public long failures() {
        return failures.sum();
    }

    /**
     * Returns how many Redis calls the breaker refused.
     *
     * @return the count since creation
     */
    public long refusals() {
        return refusals.sum();
    }

    /**
     * Returns the breaker that judges the calls.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Returns the component type, the {@code component} tag of the failure meter.
     *
     * @return the component type
     */
    public String component() {
        return component;
    }

    /**
     * Returns the component instance's name, the {@code name} tag of the failure meter.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    private <E extends Throwable> E counted(E failure) {
        if (failure instanceof CallNotPermittedException refused
                && refused.componentName().equals(breaker.name())) {
            refusals.increment();
        } else {
            failures.increment();
        }
        return failure;
    }

    private static String requireNonBlank(String what, String value) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank: '" + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "GuardedRedis{" + component + ':' + name + ", breaker=" + breaker.name() + '}';
    }
}
