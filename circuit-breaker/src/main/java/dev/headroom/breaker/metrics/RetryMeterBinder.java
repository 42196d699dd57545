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
public final class RetryMeterBinder implements MeterBinder {

    private final Retry retry;
    private final Tags tags;

    /**
     * Creates a binder.
     *
     * @param retry the retry to measure
     */
    public RetryMeterBinder(Retry retry) {
        this(retry, Tags.empty());
    }

    /**
     * Creates a binder that adds {@code extraTags} to every meter.
     *
     * @param retry the retry to measure
     * @param extraTags tags besides {@code name}
     */
    public RetryMeterBinder(Retry retry, Iterable<Tag> extraTags) {
        this.retry = retry;
        this.tags = Tags.of(extraTags).and("name", retry.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        calls(registry, "successful_without_retry", r -> r.metrics().successfulWithoutRetry());
        calls(registry, "successful_after_retry", r -> r.metrics().successfulAfterRetry());
        calls(registry, "failed_without_retry", r -> r.metrics().failedWithoutRetry());
        calls(registry, "failed_after_retry", r -> r.metrics().failedAfterRetry());
        FunctionCounter.builder(
                        "headroom.retry.retries", retry, r -> r.metrics().retries())
                .description("Attempts after the first")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "headroom.retry.budget.refusals",
                        retry,
                        r -> r.metrics().retriesRefusedByBudget())
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
