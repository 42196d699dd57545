package dev.headroom.ratelimit;

import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.internal.VegasConcurrencyLimiter;

/**
 * A concurrency limit that finds itself, Vegas-style: each call's round-trip time is compared with
 * the lowest seen ({@code rttNoLoad}), and {@code queue = limit x (1 - rttNoLoad / rtt)} estimates
 * how many calls wait in the dependency. Below {@link AdaptiveConcurrencyConfig#alpha()} the limit
 * grows by one, above {@link AdaptiveConcurrencyConfig#beta()} it shrinks by one, and a {@linkplain
 * Lease#markDropped() dropped} call multiplies it by {@link AdaptiveConcurrencyConfig#dropFactor()}.
 *
 * <pre>{@code
 * AdaptiveConcurrencyLimiter database = AdaptiveConcurrencyLimiter.of("database", AdaptiveConcurrencyConfig.ofDefaults());
 * try (Lease lease = database.tryAcquire()) {
 *     if (lease.isAcquired()) {
 *         query();
 *     }
 * }
 * }</pre>
 *
 * <p><b>Bounded.</b> The limit grows only on evidence that it is the bottleneck: a sample counts
 * for growth only if at least half the limit was in flight when the call started. With latency flat
 * and demand below the limit, the limit stays where it is, instead of climbing without bound
 * (concurrency-limits#134); and it never passes {@link AdaptiveConcurrencyConfig#max()}.
 *
 * <p>Acquiring is one compare-and-set; samples are folded in under a lock that is only tried, never
 * waited for (a sample that finds it taken is skipped). Time comes from the {@link Ticker}.
 * Thread-safe.
 */
public interface AdaptiveConcurrencyLimiter {

    /**
     * Creates a limiter on the system ticker.
     *
     * @param name the limiter's name
     * @param config the rules
     * @return the limiter, at {@link AdaptiveConcurrencyConfig#initial()}
     */
    static AdaptiveConcurrencyLimiter of(String name, AdaptiveConcurrencyConfig config) {
        return of(name, config, Ticker.system());
    }

    /**
     * Creates a limiter.
     *
     * @param name the limiter's name
     * @param config the rules
     * @param ticker the clock that times calls; a {@code ManualTicker} in tests
     * @return the limiter, at {@link AdaptiveConcurrencyConfig#initial()}
     */
    static AdaptiveConcurrencyLimiter of(String name, AdaptiveConcurrencyConfig config, Ticker ticker) {
        return new VegasConcurrencyLimiter(name, config, ticker);
    }

    /**
     * Returns the limiter's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the rules.
     *
     * @return the configuration
     */
    AdaptiveConcurrencyConfig config();

    /**
     * Returns the current limit.
     *
     * @return within {@code [min, max]}
     */
    int limit();

    /**
     * Returns how many leases are open.
     *
     * @return at least 0
     */
    int inFlight();

    /**
     * Tries to start a call. Close the lease when the call ends; its duration is the sample.
     *
     * @return an acquired lease, or a refused one if the limit is reached
     */
    Lease tryAcquire();

    /**
     * Returns the current limit and counts of leases.
     *
     * @return a snapshot taken now
     */
    AdaptiveConcurrencyStats stats();
}
