package dev.headroom.breaker.metrics;

import dev.headroom.breaker.Bulkhead;
import dev.headroom.breaker.BulkheadRejection;
import dev.headroom.breaker.Priority;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Meters of one {@link Bulkhead}, per {@link Priority} (tag {@code priority}):
 *
 * <ul>
 *   <li>{@code headroom.bulkhead.in.flight} (gauge): calls running;
 *   <li>{@code headroom.bulkhead.queue.depth} (gauge): requests waiting;
 *   <li>{@code headroom.bulkhead.granted} (counter): permits granted;
 *   <li>{@code headroom.bulkhead.rejections} (counter, also tag {@code reason}: {@code
 *       no_capacity}, {@code queue_full}, {@code shed}, {@code timed_out});
 * </ul>
 *
 * <p>and, untagged by priority, {@code headroom.bulkhead.max.concurrent.calls} and {@code
 * headroom.bulkhead.congested} (1 while the queue is congested) gauges.
 */
public final class BulkheadMetrics implements MeterBinder {

    private final Bulkhead bulkhead;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param bulkhead the bulkhead to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static BulkheadMetrics of(Bulkhead bulkhead) {
        return new BulkheadMetrics(bulkhead, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param bulkhead the bulkhead to measure
     * @param extraTags tags besides {@code name}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static BulkheadMetrics of(Bulkhead bulkhead, Iterable<Tag> extraTags) {
        return new BulkheadMetrics(bulkhead, extraTags);
    }

    private BulkheadMetrics(Bulkhead bulkhead, Iterable<Tag> extraTags) {
        this.bulkhead = bulkhead;
        this.tags = Tags.of(extraTags).and("name", bulkhead.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Priority priority : Priority.values()) {
            Tags byPriority = tags.and("priority", lower(priority));
            Gauge.builder(
                            "headroom.bulkhead.in.flight",
                            bulkhead,
                            b -> b.stats().inFlight(priority))
                    .description("Calls running in the bulkhead")
                    .tags(byPriority)
                    .register(registry);
            Gauge.builder(
                            "headroom.bulkhead.queue.depth",
                            bulkhead,
                            b -> b.stats().queueDepth(priority))
                    .description("Requests waiting for a slot")
                    .tags(byPriority)
                    .register(registry);
            FunctionCounter.builder(
                            "headroom.bulkhead.granted",
                            bulkhead,
                            b -> b.stats().granted(priority))
                    .description("Permits granted")
                    .tags(byPriority)
                    .register(registry);
            for (BulkheadRejection rejection : BulkheadRejection.values()) {
                FunctionCounter.builder(
                                "headroom.bulkhead.rejections",
                                bulkhead,
                                b -> b.stats().rejected(priority, rejection))
                        .description("Requests the bulkhead refused, by reason")
                        .tags(byPriority)
                        .tag("reason", lower(rejection))
                        .register(registry);
            }
        }
        Gauge.builder(
                        "headroom.bulkhead.max.concurrent.calls",
                        bulkhead,
                        b -> b.config().maxConcurrentCalls())
                .description("Calls that may run at once")
                .tags(tags)
                .register(registry);
        Gauge.builder("headroom.bulkhead.congested", bulkhead, b -> b.stats().congested() ? 1 : 0)
                .description("1 while the queue is congested: newest first, short timeouts")
                .tags(tags)
                .register(registry);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
