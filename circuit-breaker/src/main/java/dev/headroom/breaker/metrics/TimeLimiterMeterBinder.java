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
public final class TimeLimiterMeterBinder implements MeterBinder {

    private final TimeLimiter timeLimiter;
    private final Tags tags;

    /**
     * Creates a binder.
     *
     * @param timeLimiter the time limiter to measure
     */
    public TimeLimiterMeterBinder(TimeLimiter timeLimiter) {
        this(timeLimiter, Tags.empty());
    }

    /**
     * Creates a binder that adds {@code extraTags} to every meter.
     *
     * @param timeLimiter the time limiter to measure
     * @param extraTags tags besides {@code name}
     */
    public TimeLimiterMeterBinder(TimeLimiter timeLimiter, Iterable<Tag> extraTags) {
        this.timeLimiter = timeLimiter;
        this.tags = Tags.of(extraTags).and("name", timeLimiter.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        calls(registry, "successful", t -> t.metrics().successfulCalls());
        calls(registry, "failed", t -> t.metrics().failedCalls());
        calls(registry, "timed_out", t -> t.metrics().timedOutCalls());
        Gauge.builder(
                        "headroom.timelimiter.overdue",
                        timeLimiter,
                        t -> t.metrics().overdueCalls())
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
