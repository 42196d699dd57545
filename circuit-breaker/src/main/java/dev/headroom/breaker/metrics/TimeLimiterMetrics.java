package dev.headroom.breaker.metrics;

import dev.headroom.breaker.TimeLimiter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Meters of one {@link TimeLimiter}:
 *
 * <ul>
 *   <li>{@code headroom.timelimiter.calls} (counter, tag {@code outcome}: {@code successful},
 *       {@code failed}, {@code timed_out});
 *   <li>{@code headroom.timelimiter.overdue} (gauge): timed-out calls whose work still runs.
 * </ul>
 */
public final class TimeLimiterMetrics implements MeterBinder {

    private final TimeLimiter timeLimiter;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param timeLimiter the time limiter to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static TimeLimiterMetrics of(TimeLimiter timeLimiter) {
        return new TimeLimiterMetrics(timeLimiter, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param timeLimiter the time limiter to measure
     * @param extraTags tags besides {@code name}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static TimeLimiterMetrics of(TimeLimiter timeLimiter, Iterable<Tag> extraTags) {
        return new TimeLimiterMetrics(timeLimiter, extraTags);
    }

    private TimeLimiterMetrics(TimeLimiter timeLimiter, Iterable<Tag> extraTags) {
        this.timeLimiter = timeLimiter;
        this.tags = Tags.of(extraTags).and("name", timeLimiter.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        calls(registry, "successful", t -> t.stats().successfulCalls());
        calls(registry, "failed", t -> t.stats().failedCalls());
        calls(registry, "timed_out", t -> t.stats().timedOutCalls());
        Gauge.builder(
                        "headroom.timelimiter.overdue",
                        timeLimiter,
                        t -> t.stats().overdueCalls())
                .description("Timed-out calls whose work has not stopped despite the interrupt")
                .tags(tags)
                .register(registry);
    }

    private void calls(MeterRegistry registry, String outcome, ToDoubleFunction<TimeLimiter> count) {
        FunctionCounter.builder("headroom.timelimiter.calls", timeLimiter, count)
                .description("Calls through the time limiter, by how they ended")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }
}
