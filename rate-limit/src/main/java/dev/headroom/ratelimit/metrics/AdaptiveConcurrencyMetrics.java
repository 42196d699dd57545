package dev.headroom.ratelimit.metrics;

import dev.headroom.ratelimit.AdaptiveConcurrencyLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Publishes adaptive concurrency limiters to Micrometer, each meter tagged {@code name} with the
 * limiter's name:
 *
 * <ul>
 *   <li>{@value #LIMIT} (gauge): the limit now;
 *   <li>{@value #IN_FLIGHT} (gauge): the leases open now;
 *   <li>{@value ConcurrencyLimiterMetrics#LEASES} (counter), tagged {@code outcome} ({@code granted}
 *       or {@code refused}) and {@code source=local}, as for {@link ConcurrencyLimiterMetrics};
 *   <li>{@value #DROPPED} (counter): leases closed after reporting a drop.
 * </ul>
 *
 * <pre>{@code
 * AdaptiveConcurrencyMetrics.of(database).bindTo(registry);
 * }</pre>
 */
public final class AdaptiveConcurrencyMetrics implements MeterBinder {

    /** The limit gauge: {@value}. */
    public static final String LIMIT = "headroom.concurrency.limit";

    /** The in-flight gauge: {@value}. */
    public static final String IN_FLIGHT = "headroom.concurrency.in.flight";

    /** The dropped leases counter: {@value}. */
    public static final String DROPPED = "headroom.concurrency.dropped";

    private final List<AdaptiveConcurrencyLimiter> limiters;

    private AdaptiveConcurrencyMetrics(List<AdaptiveConcurrencyLimiter> limiters) {
        this.limiters = limiters;
    }

    /**
     * Creates a binder for some adaptive limiters.
     *
     * @param limiters the limiters, each tagged with its name
     * @return the binder
     */
    public static AdaptiveConcurrencyMetrics of(AdaptiveConcurrencyLimiter... limiters) {
        return new AdaptiveConcurrencyMetrics(List.of(limiters));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AdaptiveConcurrencyLimiter limiter : limiters) {
            Gauge.builder(LIMIT, limiter, AdaptiveConcurrencyLimiter::limit)
                    .description("The adaptive concurrency limit")
                    .tag("name", limiter.name())
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(IN_FLIGHT, limiter, AdaptiveConcurrencyLimiter::inFlight)
                    .description("Leases open now")
                    .tag("name", limiter.name())
                    .strongReference(true)
                    .register(registry);
            FunctionCounter.builder(
                            ConcurrencyLimiterMetrics.LEASES,
                            limiter,
                            l -> l.stats().granted())
                    .description("Concurrency leases asked for")
                    .tags("name", limiter.name(), "outcome", "granted", "source", "local")
                    .register(registry);
            FunctionCounter.builder(
                            ConcurrencyLimiterMetrics.LEASES,
                            limiter,
                            l -> l.stats().refused())
                    .description("Concurrency leases asked for")
                    .tags("name", limiter.name(), "outcome", "refused", "source", "local")
                    .register(registry);
            FunctionCounter.builder(DROPPED, limiter, l -> l.stats().dropped())
                    .description("Leases closed after reporting a drop")
                    .tag("name", limiter.name())
                    .register(registry);
        }
    }
}
