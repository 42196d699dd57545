package dev.headroom.ratelimit.metrics;

import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Publishes rate limiters' counts to Micrometer:
 *
 * <ul>
 *   <li>{@value #DECISIONS} (counter), tagged {@code limiter}, {@code outcome} ({@code allowed} or
 *       {@code rejected}) and {@code source} ({@code local}, {@code redis}, {@code fail_open},
 *       {@code fail_closed}, {@code local_fallback}): every decision;
 *   <li>{@value #REDIS_FAILURES} (counter), tagged {@code limiter}: Redis calls that failed or that
 *       the breaker refused, each answered by the failure policy;
 *   <li>{@value #KEYS_REJECTED} (counter), tagged {@code limiter}: requests denied because an
 *       in-memory limiter was at its key cap.
 * </ul>
 *
 * <p>The counters read the limiters' own {@link RateLimiterStats}; binding costs the hot path
 * nothing.
 */
public final class RateLimiterMetrics implements MeterBinder {

    /** The decisions counter: {@value}. */
    public static final String DECISIONS = "headroom.ratelimit.decisions";

    /** The Redis failures counter: {@value}. */
    public static final String REDIS_FAILURES = "headroom.ratelimit.redis.failures";

    /** The rejected keys counter: {@value}. */
    public static final String KEYS_REJECTED = "headroom.ratelimit.keys.rejected";

    private final List<Named> limiters;

    private RateLimiterMetrics(List<Named> limiters) {
        this.limiters = List.copyOf(limiters);
    }

    /**
     * Creates a binder for some limiters.
     *
     * @param limiters the limiters, each tagged with its name
     * @return the binder
     */
    public static RateLimiterMetrics of(RateLimiter... limiters) {
        List<Named> named = new ArrayList<>();
        for (RateLimiter limiter : limiters) {
            named.add(new Named(limiter.name(), limiter.stats()));
        }
        return new RateLimiterMetrics(named);
    }

    /**
     * Creates a binder for concurrency limiters; a granted lease counts as allowed, a refused one
     * as rejected.
     *
     * @param limiters the limiters, each tagged with its name
     * @return the binder
     */
    public static RateLimiterMetrics ofConcurrency(ConcurrencyLimiter... limiters) {
        List<Named> named = new ArrayList<>();
        for (ConcurrencyLimiter limiter : limiters) {
            named.add(new Named(limiter.name(), limiter.stats()));
        }
        return new RateLimiterMetrics(named);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Named limiter : limiters) {
            RateLimiterStats stats = limiter.stats();
            for (Decision.Source source : Decision.Source.values()) {
                for (boolean allowed : new boolean[] {true, false}) {
                    FunctionCounter.builder(DECISIONS, stats, s -> s.decisions(source, allowed))
                            .description("Rate limit decisions")
                            .tag("limiter", limiter.name())
                            .tag("outcome", allowed ? "allowed" : "rejected")
                            .tag("source", source.name().toLowerCase(Locale.ROOT))
                            .register(registry);
                }
            }
            FunctionCounter.builder(REDIS_FAILURES, stats, RateLimiterStats::redisFailures)
                    .description("Redis calls that failed or were refused, answered by the failure policy")
                    .tag("limiter", limiter.name())
                    .register(registry);
            FunctionCounter.builder(KEYS_REJECTED, stats, RateLimiterStats::keysRejected)
                    .description("Requests denied because the limiter tracked its maximum number of keys")
                    .tag("limiter", limiter.name())
                    .register(registry);
        }
    }

    /** A limiter's name and counts. */
    private record Named(String name, RateLimiterStats stats) {}
}
