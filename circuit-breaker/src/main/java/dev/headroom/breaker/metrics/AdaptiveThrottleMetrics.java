package dev.headroom.breaker.metrics;

import dev.headroom.breaker.AdaptiveThrottle;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of one {@link AdaptiveThrottle}:
 *
 * <ul>
 *   <li>{@code headroom.throttle.requests} (counter): requests counted, refused ones included;
 *   <li>{@code headroom.throttle.accepts} (counter): requests the dependency accepted;
 *   <li>{@code headroom.throttle.rejections} (counter): requests refused locally;
 *   <li>{@code headroom.throttle.rejection.probability} (gauge).
 * </ul>
 */
public final class AdaptiveThrottleMetrics implements MeterBinder {

    private final AdaptiveThrottle throttle;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param throttle the throttle to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static AdaptiveThrottleMetrics of(AdaptiveThrottle throttle) {
        return new AdaptiveThrottleMetrics(throttle, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param throttle the throttle to measure
     * @param extraTags tags besides {@code name}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static AdaptiveThrottleMetrics of(AdaptiveThrottle throttle, Iterable<Tag> extraTags) {
        return new AdaptiveThrottleMetrics(throttle, extraTags);
    }

    private AdaptiveThrottleMetrics(AdaptiveThrottle throttle, Iterable<Tag> extraTags) {
        this.throttle = throttle;
        this.tags = Tags.of(extraTags).and("name", throttle.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(
                        "headroom.throttle.requests", throttle, t -> t.stats().requests())
                .description("Requests counted by the throttle, refused ones included")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "headroom.throttle.accepts", throttle, t -> t.stats().accepts())
                .description("Requests the dependency accepted")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "headroom.throttle.rejections", throttle, t -> t.stats().throttled())
                .description("Requests refused locally")
                .tags(tags)
                .register(registry);
        Gauge.builder("headroom.throttle.rejection.probability", throttle, AdaptiveThrottle::rejectionProbability)
                .description("Probability with which a request is refused now")
                .tags(tags)
                .register(registry);
    }
}
