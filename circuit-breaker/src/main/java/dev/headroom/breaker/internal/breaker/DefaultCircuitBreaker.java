package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CallNotPermittedException;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.CircuitBreakerListener;
import dev.headroom.breaker.CircuitBreakerStats;
import dev.headroom.breaker.StateTransition;
import dev.headroom.breaker.StateTransition.Reason;
import dev.headroom.breaker.internal.Calls;
import dev.headroom.core.Ticker;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CircuitBreaker}: an atomic reference to the current {@link BreakerState}, replaced by
 * compare-and-set on every transition, so exactly one thread wins each transition and tells the
 * listeners.
 */
public final class DefaultCircuitBreaker implements CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultCircuitBreaker.class);

    private final String name;
    private final Ticker ticker;
    final BreakerCounters counters = new BreakerCounters();
    // The refusing states' answers, made once: refusing allocates nothing, even when it throws.
    final BreakerPermit refusedWhileOpen = new RefusedPermit(State.OPEN);
    final BreakerPermit refusedWhileHalfOpen = new RefusedPermit(State.HALF_OPEN);
    final BreakerPermit refusedWhileForcedOpen = new RefusedPermit(State.FORCED_OPEN);
    private final CallNotPermittedException notPermittedWhileOpen;
    private final CallNotPermittedException notPermittedWhileHalfOpen;
    private final CallNotPermittedException notPermittedWhileForcedOpen;
    private final CopyOnWriteArrayList<CircuitBreakerListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<BreakerState> state;

    /**
     * Creates a CLOSED breaker.
     *
     * @param name the name metrics, events and exceptions carry
     * @param config the rules
     * @param ticker the clock
     */
    public DefaultCircuitBreaker(String name, CircuitBreakerConfig config, Ticker ticker) {
        this.name = name;
        this.ticker = ticker;
        this.notPermittedWhileOpen = new CallNotPermittedException(name, State.OPEN);
        this.notPermittedWhileHalfOpen = new CallNotPermittedException(name, State.HALF_OPEN);
        this.notPermittedWhileForcedOpen = new CallNotPermittedException(name, State.FORCED_OPEN);
        this.state = new AtomicReference<>(new ClosedState(this, new BreakerSettings(config), 0));
    }

    @Override
    public String name() {
        return name;
    }

    Ticker ticker() {
        return ticker;
    }

    @Override
    public State state() {
        return current().kind();
    }

    @Override
    public CircuitBreakerConfig config() {
        return state.get().settings.config;
    }

    @Override
    public BreakerPermit tryAcquirePermit() {
        return state.get().tryAcquire();
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        BreakerPermit permit = tryAcquirePermit();
        if (!permit.isPermitted()) {
            throw notPermitted(permit.state());
        }
        long start = ticker.nanoTime();
        V result;
        try {
            result = callable.call();
        } catch (Throwable error) {
            permit.onError(error, ticker.nanoTime() - start);
            throw error;
        }
        permit.onResult(result, ticker.nanoTime() - start);
        return result;
    }

    // supply and run repeat call's few lines instead of adapting to a Callable, which would
    // allocate an adapter per call.
    @Override
    public <V extends @Nullable Object> V supply(Supplier<V> supplier) {
        BreakerPermit permit = tryAcquirePermit();
        if (!permit.isPermitted()) {
            throw notPermitted(permit.state());
        }
        long start = ticker.nanoTime();
        V result;
        try {
            result = supplier.get();
        } catch (Throwable error) {
            permit.onError(error, ticker.nanoTime() - start);
            throw error;
        }
        permit.onResult(result, ticker.nanoTime() - start);
        return result;
    }

    @Override
    public void run(Runnable runnable) {
        BreakerPermit permit = tryAcquirePermit();
        if (!permit.isPermitted()) {
            throw notPermitted(permit.state());
        }
        long start = ticker.nanoTime();
        try {
            runnable.run();
        } catch (Throwable error) {
            permit.onError(error, ticker.nanoTime() - start);
            throw error;
        }
        permit.onSuccess(ticker.nanoTime() - start);
    }

    @Override
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
        return guardAsync(stageSupplier);
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier, Function<? super Throwable, ? extends V> fallback) {
        CompletableFuture<V> guarded = guardAsync(stageSupplier);
        CompletableFuture<V> answered =
                guarded.handle((value, error) -> error == null ? value : fallback.apply(Calls.unwrap(error)));
        Calls.onCancellation(answered, () -> guarded.cancel(true));
        return answered;
    }

    private <V extends @Nullable Object> CompletableFuture<V> guardAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        BreakerPermit permit = tryAcquirePermit();
        if (!permit.isPermitted()) {
            return CompletableFuture.failedFuture(notPermitted(permit.state()));
        }
        long start = ticker.nanoTime();
        CompletionStage<V> stage;
        try {
            stage = Calls.start(stageSupplier);
        } catch (Error error) {
            permit.onError(error, ticker.nanoTime() - start);
            throw error;
        }
        CompletableFuture<V> result = new CompletableFuture<>();
        AtomicBoolean settled = new AtomicBoolean();
        stage.whenComplete((value, error) -> {
            if (settled.compareAndSet(false, true)) {
                long duration = ticker.nanoTime() - start;
                if (error == null) {
                    permit.onResult(value, duration);
                } else {
                    permit.onError(Calls.unwrap(error), duration);
                }
            }
            Calls.complete(result, value, error);
        });
        Calls.onCancellation(result, () -> {
            if (settled.compareAndSet(false, true)) {
                permit.release();
            }
            Calls.cancel(stage);
        });
        return result;
    }

    @Override
    public void transitionTo(State target) {
        for (; ; ) {
            BreakerState from = state.get();
            if (transition(from, enter(target, from, from.settings), Reason.MANUAL)) {
                return;
            }
        }
    }

    @Override
    public void reset() {
        for (; ; ) {
            BreakerState from = state.get();
            if (transition(from, new ClosedState(this, from.settings, from.sequence + 1), Reason.RESET)) {
                return;
            }
        }
    }

    @Override
    public void reconfigure(CircuitBreakerConfig config) {
        BreakerSettings settings = new BreakerSettings(config);
        for (; ; ) {
            BreakerState from = state.get();
            if (transition(from, from.restart(settings, from.sequence + 1), Reason.RECONFIGURED)) {
                return;
            }
        }
    }

    private BreakerState enter(State target, BreakerState from, BreakerSettings settings) {
        long sequence = from.sequence + 1;
        return switch (target) {
            case CLOSED -> new ClosedState(this, settings, sequence);
            case OPEN -> OpenState.after(from, settings);
            case HALF_OPEN -> new HalfOpenState(this, settings, sequence, from.trips(), from.lastOpenNanos());
            case FORCED_OPEN -> new ForcedOpenState(this, settings, sequence);
            case DISABLED -> new DisabledState(this, settings, sequence);
        };
    }

    @Override
    public void addListener(CircuitBreakerListener listener) {
        listeners.add(listener);
    }

    @Override
    public boolean removeListener(CircuitBreakerListener listener) {
        return listeners.remove(listener);
    }

    @Override
    public CircuitBreakerStats stats() {
        BreakerState now = state.get();
        return new CircuitBreakerStats(
                now.kind(),
                counters.successful.sum(),
                counters.failed.sum(),
                counters.slow.sum(),
                counters.ignored.sum(),
                counters.rejected.sum(),
                now.failureRate(),
                now.slowCallRate(),
                now.judgedCalls());
    }

    /** The state, after moving OPEN to HALF_OPEN if its time is up. */
    private BreakerState current() {
        BreakerState current = state.get();
        if (current instanceof OpenState open && open.hasElapsed()) {
            return halfOpenAfter(open);
        }
        return current;
    }

    boolean isCurrent(BreakerState candidate) {
        return state.get() == candidate;
    }

    private CallNotPermittedException notPermitted(State refusing) {
        return switch (refusing) {
            case HALF_OPEN -> notPermittedWhileHalfOpen;
            case FORCED_OPEN -> notPermittedWhileForcedOpen;
            default -> notPermittedWhileOpen;
        };
    }

    void trip(BreakerState from, Reason reason) {
        transition(from, OpenState.after(from, from.settings), reason);
    }

    void close(HalfOpenState from) {
        transition(from, new ClosedState(this, from.settings, from.sequence + 1), Reason.PROBES_SUCCEEDED);
    }

    /** Moves an elapsed OPEN state to HALF_OPEN and returns whatever state is current then. */
    BreakerState halfOpenAfter(OpenState open) {
        transition(
                open,
                new HalfOpenState(this, open.settings, open.sequence + 1, open.trips(), open.lastOpenNanos()),
                Reason.OPEN_DURATION_ELAPSED);
        return state.get();
    }

    private boolean transition(BreakerState from, BreakerState to, Reason reason) {
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        StateTransition transition =
                new StateTransition(name, from.kind(), to.kind(), reason, to.sequence, ticker.nanoTime());
        LOG.debug("{}", transition);
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onStateTransition(transition);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} of circuit breaker '{}' threw on {}", listener, name, transition, e);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "CircuitBreaker{" + name + ", " + state.get().kind() + '}';
    }
}
