package dev.headroom.breaker;

import dev.headroom.breaker.internal.backoff.Randoms;
import dev.headroom.breaker.internal.throttle.DefaultAdaptiveThrottle;
import dev.headroom.core.Ticker;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Client-side throttling as in the Google SRE book: when a dependency rejects much of what it is
 * sent, refuse a matching share of calls locally instead of sending them, so an overloaded
 * dependency spends nothing on requests it would reject anyway. The formula is in {@link
 * AdaptiveThrottleConfig}.
 *
 * <p>Unlike a {@link CircuitBreaker}, which stops all traffic and probes, a throttle sheds in
 * proportion, so a dependency at half capacity still gets about half the calls.
 *
 * <p><b>Hot path.</b> {@link #tryAcquire()} counts the request and answers yes or no without
 * throwing or allocating; report {@link #onAccepted()} when the dependency accepted the call.
 * The wrappers do both and throw {@link ThrottledException} when refusing. Thread-safe and
 * lock-free.
 */
public interface AdaptiveThrottle extends Guard {

    /**
     * Creates a throttle on the system ticker.
     *
     * @param name the name metrics and exceptions carry
     * @param config the rules
     * @return a throttle
     */
    static AdaptiveThrottle of(String name, AdaptiveThrottleConfig config) {
        return of(name, config, Ticker.system(), Randoms.threadLocal());
    }

    /**
     * Creates a throttle that counts on {@code ticker} and draws from {@code random}.
     *
     * @param name the name metrics and exceptions carry
     * @param config the rules
     * @param ticker the clock of the window
     * @param random values in {@code [0, 1)}; a fixed value in tests
     * @return a throttle
     */
    static AdaptiveThrottle of(String name, AdaptiveThrottleConfig config, Ticker ticker, DoubleSupplier random) {
        return new DefaultAdaptiveThrottle(name, config, ticker, random);
    }

    /**
     * Returns the throttle's name.
     *
     * @return the name given at creation
     */
    String name();

    /**
     * Returns the rules.
     *
     * @return the configuration given at creation
     */
    AdaptiveThrottleConfig config();

    /**
     * Counts a request and decides whether to send it.
     *
     * @return true to send it; false to refuse it locally
     */
    boolean tryAcquire();

    /** Counts a request the dependency accepted. */
    void onAccepted();

    /**
     * Returns the probability with which a request would be refused now.
     *
     * @return a value in {@code [0, 1)}
     */
    double rejectionProbability();

    /**
     * {@inheritDoc}
     *
     * <p>A result, or a failure that {@link AdaptiveThrottleConfig#rejectedOn()} does not match,
     * counts as accepted.
     *
     * @throws ThrottledException if the throttle refused the call
     */
    @Override
    <V extends @Nullable Object> V call(Callable<V> callable) throws Exception;

    /**
     * Returns a snapshot of this component's totals, read now.
     *
     * @return an immutable snapshot
     */
    AdaptiveThrottleStats stats();
}
