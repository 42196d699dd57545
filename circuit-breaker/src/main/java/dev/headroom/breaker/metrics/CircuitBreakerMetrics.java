package dev.headroom.breaker.metrics;

import dev.headroom.breaker.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Meters of one {@link CircuitBreaker}:
 *
 * <ul>
 *   <li>{@code headroom.breaker.state} (gauge, tag {@code state}): 1 for the current state, 0 for
 *       the others;
 *   <li>{@code headroom.breaker.calls} (counter, tag {@code outcome}: {@code successful}, {@code
 *       failed}, {@code ignored});
 *   <li>{@code headroom.breaker.slow.calls} (counter): judged calls that were slow;
 *   <li>{@code headroom.breaker.rejections} (counter): calls the breaker refused;
 *   <li>{@code headroom.breaker.failure.rate} and {@code headroom.breaker.slow.call.rate} (gauges,
 *       percent; -1 while not enough calls are judged).
 * </ul>
 */
public final class CircuitBreakerMetrics implements MeterBinder {

    private final CircuitBreaker breaker;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param breaker the breaker to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static CircuitBreakerMetrics of(CircuitBreaker breaker) {
        return new CircuitBreakerMetrics(breaker, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param breaker the breaker to measure
     * @param extraTags tags besides {@code name}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static CircuitBreakerMetrics of(CircuitBreaker breaker, Iterable<Tag> extraTags) {
        return new CircuitBreakerMetrics(breaker, extraTags);
    }

    private CircuitBreakerMetrics(CircuitBreaker breaker, Iterable<Tag> extraTags) {
        this.breaker = breaker;
        this.tags = Tags.of(extraTags).and("name", breaker.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("headroom.breaker.state", breaker, b -> b.state() == state ? 1 : 0)
                    .description("1 if the circuit breaker is in this state, else 0")
                    .tags(tags)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        calls(registry, "successful", b -> b.stats().successfulCalls());
        calls(registry, "failed", b -> b.stats().failedCalls());
        calls(registry, "ignored", b -> b.stats().ignoredCalls());
        FunctionCounter.builder(
                        "headroom.breaker.slow.calls", breaker, b -> b.stats().slowCalls())
                .description("Judged calls that took at least the slow-call duration")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "headroom.breaker.rejections", breaker, b -> b.stats().rejectedCalls())
                .description("Calls the circuit breaker refused")
                .tags(tags)
                .register(registry);
        Gauge.builder("headroom.breaker.failure.rate", breaker, b -> b.stats().failureRate())
                .description("Failure rate of the calls judged in the current state, or -1")
                .baseUnit("percent")
                .tags(tags)
                .register(registry);
        Gauge.builder("headroom.breaker.slow.call.rate", breaker, b -> b.stats().slowCallRate())
                .description("Slow-call rate of the calls judged in the current state, or -1")
                .baseUnit("percent")
                .tags(tags)
                .register(registry);
    }

    private void calls(MeterRegistry registry, String outcome, ToDoubleFunction<CircuitBreaker> count) {
        FunctionCounter.builder("headroom.breaker.calls", breaker, count)
                .description("Calls the circuit breaker permitted, by how they were judged")
                .tags(tags)
                .tag("outcome", outcome)
                .register(registry);
    }
}
