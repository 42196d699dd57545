package dev.headroom.ratelimit.metrics;

import dev.headroom.breaker.internal.redis.RedisFailureMeter;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.internal.AimdRateLimiter;
import dev.headroom.ratelimit.internal.RedisBacked;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/**
 * Publishes rate limiters' counts to Micrometer, each meter tagged {@code name} with the limiter's
 * name:
 *
 * <ul>
 *   <li>{@value #DECISIONS} (counter), tagged {@code outcome} ({@code allowed} or {@code rejected})
 *       and {@code source} ({@code local}, {@code redis}, {@code fail_open}, {@code fail_closed},
 *       {@code local_fallback}): every decision;
 *   <li>{@value #KEYS_REJECTED} (counter): requests denied because an in-memory limiter was at its
 *       key cap;
 *   <li>{@value #REDIS_FAILURES} (counter), tagged {@code component=ratelimit}, for limiters on
 *       Redis: Redis calls that failed (the breaker's refusals are no failures), each answered by
 *       the failure policy.
 * </ul>
 *
 * <p>The counters read the limiters' {@link RateLimiter#stats()}; binding costs the hot path
 * nothing.
 *
 * <pre>{@code
 * RateLimiterMetrics.of(api, exports).bindTo(registry);
 * }</pre>
 */
public final class RateLimiterMetrics implements MeterBinder {

    /** The decisions counter: {@value}. */
    public static final String DECISIONS = "headroom.ratelimit.decisions";

    /** The rejected keys counter: {@value}. */
    public static final String KEYS_REJECTED = "headroom.ratelimit.keys.rejected";

    /** The one Redis failures counter of every Headroom component: {@value}. */
    public static final String REDIS_FAILURES = RedisFailureMeter.NAME;

    private final List<RateLimiter> limiters;

    private RateLimiterMetrics(List<RateLimiter> limiters) {
        this.limiters = limiters;
    }

    /**
     * Creates a binder for some limiters.
     *
     * @param limiters the limiters, each tagged with its name
     * @return the binder
     */
    public static RateLimiterMetrics of(RateLimiter... limiters) {
        return new RateLimiterMetrics(List.of(limiters));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RateLimiter limiter : limiters) {
            for (Decision.Source source : Decision.Source.values()) {
                for (boolean allowed : new boolean[] {true, false}) {
                    FunctionCounter.builder(DECISIONS, limiter, l -> l.stats().decisions(source, allowed))
                            .description("Rate limit decisions")
                            .tag("name", limiter.name())
                            .tag("outcome", allowed ? "allowed" : "rejected")
                            .tag("source", source.name().toLowerCase(Locale.ROOT))
                            .register(registry);
                }
            }
            FunctionCounter.builder(KEYS_REJECTED, limiter, l -> l.stats().keysRejected())
                    .description("Requests denied because the limiter tracked its maximum number of keys")
                    .tag("name", limiter.name())
                    .register(registry);
            RateLimiter inner = limiter instanceof AimdRateLimiter adaptive ? adaptive.delegate() : limiter;
            if (inner instanceof RedisBacked redis) {
                RedisFailureMeter.bindTo(registry, redis.guard());
            }
        }
    }
}
