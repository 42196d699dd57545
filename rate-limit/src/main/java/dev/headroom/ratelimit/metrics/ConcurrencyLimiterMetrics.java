package dev.headroom.ratelimit.metrics;

import dev.headroom.breaker.internal.redis.RedisFailureMeter;
import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.internal.RedisBacked;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/**
 * Publishes concurrency limiters' counts to Micrometer, each meter tagged {@code name} with the
 * limiter's name:
 *
 * <ul>
 *   <li>{@value #LEASES} (counter), tagged {@code outcome} ({@code granted} or {@code refused}) and
 *       {@code source} ({@code local}, {@code redis}, {@code fail_open}, {@code fail_closed}, {@code
 *       local_fallback}): every lease asked for;
 *   <li>{@value #KEYS_REJECTED} (counter): leases refused because an in-memory limiter was at its
 *       key cap;
 *   <li>{@value #REDIS_FAILURES} (counter), tagged {@code component=concurrency}, for limiters on
 *       Redis: Redis calls that failed (the breaker's refusals are no failures).
 * </ul>
 *
 * <pre>{@code
 * ConcurrencyLimiterMetrics.of(exports).bindTo(registry);
 * }</pre>
 */
public final class ConcurrencyLimiterMetrics implements MeterBinder {

    /** The leases counter: {@value}. */
    public static final String LEASES = "headroom.concurrency.leases";

    /** The rejected keys counter: {@value}. */
    public static final String KEYS_REJECTED = "headroom.concurrency.keys.rejected";

    /** The one Redis failures counter of every Headroom component: {@value}. */
    public static final String REDIS_FAILURES = RateLimiterMetrics.REDIS_FAILURES;

    private final List<ConcurrencyLimiter> limiters;

    private ConcurrencyLimiterMetrics(List<ConcurrencyLimiter> limiters) {
        this.limiters = limiters;
    }

    /**
     * Creates a binder for some concurrency limiters.
     *
     * @param limiters the limiters, each tagged with its name
     * @return the binder
     */
    public static ConcurrencyLimiterMetrics of(ConcurrencyLimiter... limiters) {
        return new ConcurrencyLimiterMetrics(List.of(limiters));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ConcurrencyLimiter limiter : limiters) {
            for (Decision.Source source : Decision.Source.values()) {
                FunctionCounter.builder(
                                LEASES,
                                limiter,
                                l -> l.stats().grantedBySource().getOrDefault(source, 0L))
                        .description("Concurrency leases asked for")
                        .tag("name", limiter.name())
                        .tag("outcome", "granted")
                        .tag("source", source.name().toLowerCase(Locale.ROOT))
                        .register(registry);
                FunctionCounter.builder(
                                LEASES,
                                limiter,
                                l -> l.stats().refusedBySource().getOrDefault(source, 0L))
                        .description("Concurrency leases asked for")
                        .tag("name", limiter.name())
                        .tag("outcome", "refused")
                        .tag("source", source.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
            FunctionCounter.builder(KEYS_REJECTED, limiter, l -> l.stats().keysRejected())
                    .description("Leases refused because the limiter tracked its maximum number of keys")
                    .tag("name", limiter.name())
                    .register(registry);
            if (limiter instanceof RedisBacked redis) {
                RedisFailureMeter.bindTo(registry, redis.guard());
            }
        }
    }
}
