package dev.headroom.breaker.internal.throttle;

import dev.headroom.breaker.AdaptiveThrottle;
import dev.headroom.breaker.AdaptiveThrottleConfig;
import dev.headroom.breaker.AdaptiveThrottleStats;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.breaker.ThrottledException;
import dev.headroom.breaker.internal.Calls;
import dev.headroom.breaker.internal.RollingCounters;
import dev.headroom.breaker.internal.backoff.Durations;
import dev.headroom.breaker.internal.backoff.Randoms;
import dev.headroom.core.Ticker;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AdaptiveThrottle}: two rolling counters and one division per decision. */
public final class DefaultAdaptiveThrottle implements AdaptiveThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAdaptiveThrottle.class);
    private static final int REQUESTS = 0;
    private static final int ACCEPTS = 1;

    private final String name;
    private final AdaptiveThrottleConfig config;
    private final Ticker ticker;
    private final DoubleSupplier random;
    private final double k;
    private final RollingCounters window;
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepts = new LongAdder();
    private final LongAdder throttled = new LongAdder();

    /**
     * Creates a throttle.
     *
     * @param name the name metrics and exceptions carry
     * @param config the rules
     * @param ticker the clock of the window
     * @param random values in {@code [0, 1)}
     */
    public DefaultAdaptiveThrottle(String name, AdaptiveThrottleConfig config, Ticker ticker, DoubleSupplier random) {
        this.name = name;
        this.config = config;
        this.ticker = ticker;
        this.random = random;
        this.k = config.acceptsMultiplier();
        this.window = new RollingCounters(2, SlidingWindow.TIME_BUCKETS, Durations.toNanosSaturated(config.window()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AdaptiveThrottleConfig config() {
        return config;
    }

    @Override
    public AdaptiveThrottleStats stats() {
        return new AdaptiveThrottleStats(requests.sum(), accepts.sum(), throttled.sum());
    }

    @Override
    public boolean tryAcquire() {
        long now = ticker.nanoTime();
        double probability = rejectionProbability(now);
        window.add(REQUESTS, 1, now);
        requests.increment();
        if (probability > 0 && Randoms.draw(random) < probability) {
            throttled.increment();
            return false;
        }
        return true;
    }

    @Override
    public void onAccepted() {
        window.add(ACCEPTS, 1, ticker.nanoTime());
        accepts.increment();
    }

    @Override
    public double rejectionProbability() {
        return rejectionProbability(ticker.nanoTime());
    }

    private double rejectionProbability(long now) {
        long sent = window.sum(REQUESTS, now);
        long accepted = window.sum(ACCEPTS, now);
        return Math.max(0.0, (sent - k * accepted) / (sent + 1));
    }

    @Override
    public <V extends @Nullable Object> V call(Callable<V> callable) throws Exception {
        if (!tryAcquire()) {
            throw new ThrottledException(name, rejectionProbability());
        }
        V result;
        try {
            result = callable.call();
        } catch (Throwable error) {
            judge(error);
            throw error;
        }
        onAccepted();
        return result;
    }

    @Override
    public <V extends @Nullable Object> CompletionStage<V> callAsync(
            Supplier<? extends CompletionStage<V>> stageSupplier) {
        if (!tryAcquire()) {
            return CompletableFuture.failedFuture(new ThrottledException(name, rejectionProbability()));
        }
        CompletableFuture<V> result = new CompletableFuture<>();
        CompletionStage<V> stage = Calls.start(stageSupplier);
        stage.whenComplete((value, error) -> {
            if (error == null) {
                onAccepted();
            } else {
                judge(Calls.unwrap(error));
            }
            Calls.complete(result, value, error);
        });
        Calls.onCancellation(result, () -> Calls.cancel(stage));
        return result;
    }

    /** Counts a failed call as accepted unless the rule says the dependency rejected it. */
    private void judge(Throwable error) {
        boolean rejected;
        try {
            rejected = config.rejectedOn().test(error);
        } catch (RuntimeException e) {
            LOG.warn("AdaptiveThrottle '{}': rejectedOn rule threw; counting the call as rejected", name, e);
            rejected = true;
        }
        if (!rejected) {
            onAccepted();
        }
    }

    @Override
    public String toString() {
        return "AdaptiveThrottle{" + name + ", rejectionProbability=" + rejectionProbability() + '}';
    }
}
