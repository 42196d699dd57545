package dev.headroom.ratelimit.internal;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.core.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one sequence of every Redis call in this module: ask the breaker, run the call timed on the
 * breaker's ticker, report how it ended, and on a refusal or a failure answer with the caller's
 * fallback, never with an exception. Failed calls and refusals are counted.
 */
public final class RedisCalls {

    /** The breaker rules of a component given no breaker of its own. */
    static final CircuitBreakerConfig DEFAULT_BREAKER = CircuitBreakerConfig.builder()
            .slidingWindow(SlidingWindow.lastCalls(50))
            .minimumCalls(10)
            .failureRateThreshold(50)
            .slowCallDuration(Duration.ofMillis(100))
            .slowCallRateThreshold(50)
            .openDuration(Duration.ofSeconds(1))
            .halfOpenProbes(3)
            .maxProbeDuration(Duration.ofSeconds(1))
            .build();

    private final CircuitBreaker breaker;
    private final Ticker ticker;
    private final LongAdder failures = new LongAdder();
    private final LongAdder refusals = new LongAdder();

    /**
     * Creates a guard.
     *
     * @param breaker the breaker that judges the calls
     * @param ticker the clock that times them
     */
    public RedisCalls(CircuitBreaker breaker, Ticker ticker) {
        this.breaker = breaker;
        this.ticker = ticker;
    }

    /**
     * Creates a guard over the breaker a component was given, or else over a breaker of its own.
     *
     * @param given the breaker from the component's configuration, if any
     * @param component the component type
     * @param name the component's name
     * @param ticker the clock that times calls and the open period
     * @return the guard
     */
    public static RedisCalls of(Optional<CircuitBreaker> given, String component, String name, Ticker ticker) {
        return given.map(breaker -> new RedisCalls(breaker, ticker))
                .orElseGet(() -> withDefaultBreaker(component, name, ticker));
    }

    /**
     * Creates a guard over a breaker of its own named {@code redis:<component>:<name>}.
     *
     * @param component the component type
     * @param name the component's name
     * @param ticker the clock that times calls and the open period
     * @return the guard
     */
    public static RedisCalls withDefaultBreaker(String component, String name, Ticker ticker) {
        return new RedisCalls(CircuitBreaker.of("redis:" + component + ':' + name, DEFAULT_BREAKER, ticker), ticker);
    }

    /**
     * Runs a blocking call through the breaker.
     *
     * @param <T> the answer's type
     * @param call the Redis call
     * @param fallback the answer when the breaker refuses or the call throws
     * @return the call's answer or the fallback's
     */
    public <T> T call(Supplier<T> call, Function<? super RuntimeException, ? extends T> fallback) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            refusals.increment();
            return fallback.apply(new IllegalStateException("breaker '" + breaker.name() + "' is " + breaker.state()));
        }
        long start = ticker.nanoTime();
        T value;
        try {
            value = call.get();
        } catch (RuntimeException e) {
            permit.onError(e, ticker.nanoTime() - start);
            failures.increment();
            return fallback.apply(e);
        }
        permit.onSuccess(ticker.nanoTime() - start);
        return value;
    }

    /**
     * Runs an asynchronous call through the breaker.
     *
     * @param <T> the answer's type
     * @param call starts the Redis call
     * @param fallback the answer when the breaker refuses or the call fails
     * @return the call's answer or the fallback's, never completed exceptionally by Redis
     */
    public <T> CompletableFuture<T> callAsync(
            Supplier<? extends CompletionStage<T>> call, Function<? super Throwable, ? extends T> fallback) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            refusals.increment();
            return CompletableFuture.completedFuture(fallback.apply(
                    new IllegalStateException("breaker '" + breaker.name() + "' is " + breaker.state())));
        }
        long start = ticker.nanoTime();
        CompletionStage<T> reply;
        try {
            reply = call.get();
        } catch (RuntimeException e) {
            permit.onError(e, ticker.nanoTime() - start);
            failures.increment();
            return CompletableFuture.completedFuture(fallback.apply(e));
        }
        return reply.toCompletableFuture().handle((value, failure) -> {
            if (failure == null) {
                permit.onSuccess(ticker.nanoTime() - start);
                return value;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            permit.onError(cause, ticker.nanoTime() - start);
            failures.increment();
            return fallback.apply(cause);
        });
    }

    /**
     * Returns how many calls failed.
     *
     * @return the count since creation
     */
    public long failures() {
        return failures.sum();
    }

    /**
     * Returns how many calls the breaker refused.
     *
     * @return the count since creation
     */
    public long refusals() {
        return refusals.sum();
    }

    /**
     * Returns the breaker.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }
}
