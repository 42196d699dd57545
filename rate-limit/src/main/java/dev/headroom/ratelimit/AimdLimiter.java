package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.internal.AimdRateLimiter;
import dev.headroom.ratelimit.spi.HealthSignal;

/**
 * A rate limiter whose limit follows a {@link HealthSignal} by additive increase and
 * multiplicative decrease (AIMD): after each interval in which the signal reports overload the
 * limit is multiplied by {@link AimdConfig#decreaseFactor()}, after each healthy one it grows by
 * {@link AimdConfig#increase()}, always within {@code [min, max]}.
 *
 * <pre>{@code
 * RateLimiter exports = RateLimiter.local(
 *         RateLimitPolicy.of("exports", Limit.tokenBucket("rate", 100, 100, Duration.ofSeconds(1))),
 *         RateLimiterConfig.ofDefaults());
 * AimdLimiter adaptive = AimdLimiter.of(exports, HikariPoolSignal.of(pool, 5), AimdConfig.ofDefaults());
 * }</pre>
 *
 * <p>The limit is the quota of the policy's first limit; every other limit of the policy keeps its
 * ratio to the first. Changes go through {@link RateLimiter#updatePolicy(RateLimitPolicy)}, so no
 * key loses its state; a policy given to {@link #updatePolicy(RateLimitPolicy)} becomes the new
 * template. Adjustments happen on the decision path, at most once per interval, by one caller; no
 * thread of its own. Thread-safe.
 */
public interface AimdLimiter extends RateLimiter {

    /**
     * Wraps a limiter, on the system ticker. Its current policy is the template whose first limit's
     * quota the AIMD limit replaces.
     *
     * @param delegate the limiter to adjust
     * @param signal the health signal
     * @param config the rules
     * @return the adaptive limiter, at {@link AimdConfig#initial()}
     * @throws IllegalArgumentException if the configured bounds do not fit the delegate's quota
     */
    static AimdLimiter of(RateLimiter delegate, HealthSignal signal, AimdConfig config) {
        return of(delegate, signal, config, Ticker.system());
    }

    /**
     * Wraps a limiter. Its current policy is the template whose first limit's quota the AIMD limit
     * replaces.
     *
     * @param delegate the limiter to adjust
     * @param signal the health signal
     * @param config the rules
     * @param ticker the clock of the adjustment interval; a {@code ManualTicker} in tests
     * @return the adaptive limiter, at {@link AimdConfig#initial()}
     * @throws IllegalArgumentException if the configured bounds do not fit the delegate's quota
     */
    static AimdLimiter of(RateLimiter delegate, HealthSignal signal, AimdConfig config, Ticker ticker) {
        return new AimdRateLimiter(delegate, signal, config, ticker);
    }

    /**
     * Returns the current limit.
     *
     * @return within {@code [min, max]}
     */
    long currentLimit();

    /**
     * Reads the signal and adjusts now if the interval has passed; decisions call this on their
     * own.
     *
     * @return true if this call adjusted the limit
     */
    boolean maybeAdjust();
}
