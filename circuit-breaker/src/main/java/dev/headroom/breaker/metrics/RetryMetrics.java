package dev.headroom.breaker.metrics;

import dev.headroom.breaker.Retry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Meters of one {@link Retry}:
 *
 * <ul>
 *   <li>{@code headroom.retry.calls} (counter, tag {@code outcome}: {@code
 *       successful_without_retry}, {@code successful_after_retry}, {@code failed_without_retry},
 *       {@code failed_after_retry});
 *   <li>{@code headroom.retry.retries} (counter): attempts after the first;
 *   <li>{@code headroom.retry.budget.refusals} (counter): retries the budget refused.
 * </ul>
 */
public final class RetryMetrics implements MeterBinder {

    private final Retry retry;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param retry the retry to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static RetryMetrics of(Retry retry) {
        return new RetryMetrics(retry, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param retry the retry to measure
     * @param extraTags tags besides {@code name}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static RetryMetrics of(Retry retry, Iterable<Tag> extraTags) {
        return new RetryMetrics(retry, extraTags);
    }

    private RetryMetrics(Retry retry, Iterable<Tag> extraTags) {
        this.retry = retry;
        this.tags = Tags.of(extraTags).and("name", retry.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        calls(registry, "successful_without_retry", r -> r.stats().successfulWithoutRetry());
        calls(registry, "successful_after_retry", r -> r.stats().successfulAfterRetry());
        calls(registry, "failed_without_retry", r -> r.stats().failedWithoutRetry());
        calls(registry, "failed_after_retry", r -> r.stats().failedAfterRetry());
        FunctionCounter.builder("headroom.retry.retries", retry, r -> r.stats().retries())
                .description("Attempts after the first")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "headroom.retry.budget.refusals", retry, r -> r.stats().retriesRefusedByBudget())
                .description("Retries the retry budget refused")
                .tags(tags)
                .register(registry);
    }

    private void calls(MeterRegistry registry, String outcome, ToDoubleFunction<Retry> count) {
        FunctionCounter.builder("headroom.retry.calls", retry, count)
                .description("Calls through the retry, by how they ended")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }
}
