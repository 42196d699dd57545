package dev.headroom.breaker;

import dev.headroom.breaker.internal.breaker.DefaultCircuitBreaker;
import dev.headroom.core.Ticker;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Stops calling a dependency that fails or is slow, probes it after a while, and lets traffic back
 * once it recovers. The rules are in {@link CircuitBreakerConfig}.
 *
 * <p><b>Hot path.</b> {@link #tryAcquirePermit()} answers with a {@link BreakerPermit} and never
 * throws; while CLOSED, acquiring and reporting success allocate nothing, and a refusal while OPEN
 * allocates nothing either. The wrappers ({@link #call(Callable)}, {@link #supply(Supplier)},
 * {@link #run(Runnable)}, {@link #callAsync(Supplier)}) measure the call on the breaker's ticker
 * and throw {@link CallNotPermittedException} when refused; the fallback overloads turn every
 * failure, refusals included, into an answer.
 *
 * <p><b>Guarantees.</b> All methods are thread-safe. Acquiring a permit, reporting a success and
 * being refused are lock-free, and a success writes no memory shared with other threads (it bumps
 * a striped counter); failures and slow calls in a count-based window are recorded under a short
 * {@link java.util.concurrent.locks.ReentrantLock}, never {@code synchronized}, so nothing pins a
 * virtual thread. HALF_OPEN never has more than {@link CircuitBreakerConfig#halfOpenProbes()}
 * unjudged probes out, and cannot get stuck: every probe is judged, given back, or expires after
 * {@link CircuitBreakerConfig#maxProbeDuration()}. OPEN becomes HALF_OPEN on the first permission
 * request or state read after the open duration, with no timer thread. Time is read only from the
 * {@link Ticker} given at creation.
 */
public interface CircuitBreaker extends Guard {

    /** The states of a breaker. */
    enum State {
        /** Calls pass and are judged; too many failures or slow calls open the breaker. */
        CLOSED,
        /** Calls are refused until the open duration elapses. */
        OPEN,
        /** A limited number of probe calls pass; their outcome closes or reopens the breaker. */
        HALF_OPEN,
        /** Calls are refused until a manual transition; nothing is judged. */
        FORCED_OPEN,
        /** Calls pass and nothing is judged, until a manual transition. */
        DISABLED
    }

    /**
     * Creates a breaker on the system ticker.
     *
     * @param name the name that metrics, events and exceptions carry
     * @param config the rules
     * @return a CLOSED breaker
     */
    static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return of(name, config, Ticker.system());
    }

    /**
     * Creates a breaker that reads time from {@code ticker}.
     *
     * @param name the name that metrics, events and exceptions carry
     * @param config the rules
     * @param ticker the clock for durations and the open period; a {@link
     *     dev.headroom.core.ManualTicker} in tests
     * @return a CLOSED breaker
     */
    static CircuitBreaker of(String name, CircuitBreakerConfig config, Ticker ticker) {
        return new DefaultCircuitBreaker(name, config, ticker);
    }

    /**
     * Returns the breaker's name.
     *
     * @return the name given at creation
     */
    String name();

    /**
     * Returns the current state, first moving OPEN to HALF_OPEN if the open duration has elapsed.
     *
     * @return the state
     */
    State state();

    /**
     * Returns the rules in force.
     *
     * @return the configuration given at creation or by the latest {@link
     *     #reconfigure(CircuitBreakerConfig)}
     */
    CircuitBreakerConfig config();

    /**
     * Asks whether a call may proceed. Never throws; see {@link BreakerPermit} for how to report.
     *
     * @return a permit that says yes or no
     */
    BreakerPermit tryAcquirePermit();

    /**
     * {@inheritDoc}
     *
     * <p>The result is judged by {@link CircuitBreakerConfig#failureOnResult()} and returned
     * either way; an exception is judged by the exception rules and rethrown.
     *
     * @throws CallNotPermittedException if the breaker refused the call
     */
    @Override
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * Runs {@code callable} if permitted, and answers with {@code fallback} if it was refused or
     * threw an exception. Errors propagate. If the callable was interrupted, the thread's
     * interrupt status is set again before the fallback runs.
     *
     * @param <V> the result type
     * @param callable the work
     * @param fallback turns the failure ({@link CallNotPermittedException} if refused) into an
     *     answer
     * @return the callable's result or the fallback's
     */
    <V extends @Nullable Object> V call(Callable<V> callable, Function<? super Exception, ? extends V> fallback);

    /**
     * Runs an asynchronous call if permitted and answers with {@code fallback} if it was refused
     * or its stage failed. Cancelling the returned future gives the permit back.
     *
     * @param <V> the result type
     * @param stageSupplier starts the work
     * @param fallback turns the failure ({@link CallNotPermittedException} if refused) into an
     *     answer
     * @return a stage with the call's result or the fallback's
     */
    <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier, Function<? super Throwable, ? extends V> fallback);

    /**
     * Moves the breaker into a fresh {@code target} state: CLOSED with an empty window, OPEN for
     * the next trip's open duration, HALF_OPEN with a new round of probes, FORCED_OPEN or
     * DISABLED until the next manual transition. Outstanding permits of the old state are dropped
     * when reported. Listeners hear a transition with reason {@link StateTransition.Reason#MANUAL}.
     *
     * @param target the state to enter
     */
    void transitionTo(State target);

    /**
     * Returns the breaker to CLOSED with an empty window and forgets earlier trips, so the next
     * open duration starts from the first trip's.
     */
    void reset();

    /**
     * Replaces the rules while the breaker runs. The current state restarts under the new rules:
     * CLOSED starts an empty window, OPEN keeps its deadline, HALF_OPEN starts a new round of
     * probes; FORCED_OPEN and DISABLED stay. Listeners hear a transition with reason {@link
     * StateTransition.Reason#RECONFIGURED}.
     *
     * @param config the new rules
     */
    void reconfigure(CircuitBreakerConfig config);

    /**
     * Adds a listener for state transitions.
     *
     * @param listener the listener; adding one twice makes it hear every transition twice
     */
    void addListener(CircuitBreakerListener listener);

    /**
     * Removes a listener added by {@link #addListener(CircuitBreakerListener)}.
     *
     * @param listener the listener
     * @return true if it was registered
     */
    boolean removeListener(CircuitBreakerListener listener);

    /**
     * Returns a snapshot of this component's counters, rates and state, read now.
     *
     * @return an immutable snapshot
     */
    CircuitBreakerStats stats();
}
