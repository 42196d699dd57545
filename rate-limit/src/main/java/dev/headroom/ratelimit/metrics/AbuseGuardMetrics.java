package dev.headroom.ratelimit.metrics;

import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseStats;
import dev.headroom.ratelimit.AbuseVerdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Publishes an {@link AbuseGuard}'s counts to Micrometer, tagged {@code guard}:
 *
 * <ul>
 *   <li>{@value #CHECKS} (counter), tagged {@code outcome} ({@code allowed}, {@code allowlisted},
 *       {@code banned});
 *   <li>{@value #BANS} (counter), tagged {@code kind} ({@code automatic}, {@code manual});
 *   <li>{@value #UNBANS} (counter);
 *   <li>{@value #REDIS_FAILURES} (counter): checks answered by the local guard because Redis was
 *       unavailable.
 * </ul>
 */
public final class AbuseGuardMetrics implements MeterBinder {

    /** The checks counter: {@value}. */
    public static final String CHECKS = "headroom.abuse.checks";

    /** The bans counter: {@value}. */
    public static final String BANS = "headroom.abuse.bans";

    /** The unbans counter: {@value}. */
    public static final String UNBANS = "headroom.abuse.unbans";

    /** The Redis failures counter: {@value}. */
    public static final String REDIS_FAILURES = "headroom.abuse.redis.failures";

    private final AbuseGuard guard;

    private AbuseGuardMetrics(AbuseGuard guard) {
        this.guard = guard;
    }

    /**
     * Creates a binder.
     *
     * @param guard the guard
     * @return the binder
     */
    public static AbuseGuardMetrics of(AbuseGuard guard) {
        return new AbuseGuardMetrics(guard);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AbuseStats stats = guard.stats();
        String name = guard.config().name();
        for (AbuseVerdict.Outcome outcome : AbuseVerdict.Outcome.values()) {
            FunctionCounter.builder(CHECKS, stats, s -> s.checks(outcome))
                    .description("Abuse checks by outcome")
                    .tag("guard", name)
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (boolean manual : new boolean[] {false, true}) {
            FunctionCounter.builder(BANS, stats, s -> s.bans(manual))
                    .description("Temporary bans issued")
                    .tag("guard", name)
                    .tag("kind", manual ? "manual" : "automatic")
                    .register(registry);
        }
        FunctionCounter.builder(UNBANS, stats, AbuseStats::unbans)
                .description("Bans lifted by hand")
                .tag("guard", name)
                .register(registry);
        FunctionCounter.builder(REDIS_FAILURES, stats, AbuseStats::redisFailures)
                .description("Abuse checks answered in memory because Redis was unavailable")
                .tag("guard", name)
                .register(registry);
    }
}
