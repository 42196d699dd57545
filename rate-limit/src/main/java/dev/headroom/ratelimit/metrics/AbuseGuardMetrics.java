package dev.headroom.ratelimit.metrics;

import dev.headroom.breaker.internal.redis.RedisFailureMeter;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseVerdict;
import dev.headroom.ratelimit.internal.RedisBacked;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/**
 * Publishes abuse guards' counts to Micrometer, each meter tagged {@code name} with the guard's
 * name:
 *
 * <ul>
 *   <li>{@value #CHECKS} (counter), tagged {@code outcome} ({@code allowed}, {@code allowlisted},
 *       {@code banned}, {@code denied});
 *   <li>{@value #BANS} (counter), tagged {@code kind} ({@code automatic}, {@code manual});
 *   <li>{@value #UNBANS} (counter);
 *   <li>{@value #LISTENER_FAILURES} (counter): listener calls that threw;
 *   <li>{@value #REDIS_FAILURES} (counter), tagged {@code component=abuse}, for guards on Redis:
 *       Redis calls that failed (the breaker's refusals are no failures).
 * </ul>
 *
 * <pre>{@code
 * AbuseGuardMetrics.of(guard).bindTo(registry);
 * }</pre>
 */
public final class AbuseGuardMetrics implements MeterBinder {

    /** The checks counter: {@value}. */
    public static final String CHECKS = "headroom.abuse.checks";

    /** The bans counter: {@value}. */
    public static final String BANS = "headroom.abuse.bans";

    /** The unbans counter: {@value}. */
    public static final String UNBANS = "headroom.abuse.unbans";

    /** The listener failures counter: {@value}. */
    public static final String LISTENER_FAILURES = "headroom.abuse.listener.failures";

    /** The one Redis failures counter of every Headroom component: {@value}. */
    public static final String REDIS_FAILURES = RateLimiterMetrics.REDIS_FAILURES;

    private final List<AbuseGuard> guards;

    private AbuseGuardMetrics(List<AbuseGuard> guards) {
        this.guards = guards;
    }

    /**
     * Creates a binder for some guards.
     *
     * @param guards the guards, each tagged with its name
     * @return the binder
     */
    public static AbuseGuardMetrics of(AbuseGuard... guards) {
        return new AbuseGuardMetrics(List.of(guards));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AbuseGuard guard : guards) {
            String name = guard.name();
            for (AbuseVerdict.Outcome outcome : AbuseVerdict.Outcome.values()) {
                FunctionCounter.builder(CHECKS, guard, g -> g.stats().checks(outcome))
                        .description("Abuse checks by outcome")
                        .tag("name", name)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
            FunctionCounter.builder(BANS, guard, g -> g.stats().automaticBans())
                    .description("Temporary bans issued")
                    .tags("name", name, "kind", "automatic")
                    .register(registry);
            FunctionCounter.builder(BANS, guard, g -> g.stats().manualBans())
                    .description("Temporary bans issued")
                    .tags("name", name, "kind", "manual")
                    .register(registry);
            FunctionCounter.builder(UNBANS, guard, g -> g.stats().unbans())
                    .description("Bans lifted by hand")
                    .tag("name", name)
                    .register(registry);
            FunctionCounter.builder(LISTENER_FAILURES, guard, g -> g.stats().listenerFailures())
                    .description("Abuse listener calls that threw")
                    .tag("name", name)
                    .register(registry);
            if (guard instanceof RedisBacked redis) {
                RedisFailureMeter.bindTo(registry, redis.guard());
            }
        }
    }
}
