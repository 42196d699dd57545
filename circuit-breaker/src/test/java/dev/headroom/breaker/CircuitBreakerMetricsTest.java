package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.breaker.metrics.CircuitBreakerMetrics;
import dev.headroom.core.ManualTicker;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerMetricsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "payments",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(4))
                    .minimumCalls(4)
                    .slowCallDuration(Duration.ofSeconds(1))
                    .build(),
            ticker);

    CircuitBreakerMetricsTest() {
        CircuitBreakerMetrics.of(breaker, Tags.of("service", "checkout")).bindTo(registry);
    }

    @Test
    void exposesStateCallsByOutcomeSlowCallsRejectionsAndRates() {
        breaker.tryAcquirePermit().onSuccess(Duration.ofSeconds(2).toNanos());
        breaker.tryAcquirePermit().onSuccess(1);
        breaker.tryAcquirePermit().onError(new IllegalStateException(), 1);
        breaker.tryAcquirePermit().onError(new java.util.concurrent.CancellationException(), 1);
        breaker.tryAcquirePermit().onError(new IllegalStateException(), 1); // 2 of 4 failed: OPEN
        breaker.tryAcquirePermit();

        assertThat(gauge("headroom.breaker.state", "state", "open")).isEqualTo(1);
        assertThat(gauge("headroom.breaker.state", "state", "closed")).isZero();
        assertThat(counter("headroom.breaker.calls", "outcome", "successful")).isEqualTo(2);
        assertThat(counter("headroom.breaker.calls", "outcome", "failed")).isEqualTo(2);
        assertThat(counter("headroom.breaker.calls", "outcome", "ignored")).isEqualTo(1);
        assertThat(registry.get("headroom.breaker.slow.calls").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.breaker.rejections").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.breaker.failure.rate").gauge().value())
                .isEqualTo(-1);
    }

    @Test
    void ratesFollowTheWindowAndEveryMeterCarriesTheTags() {
        breaker.tryAcquirePermit().onSuccess(1);
        breaker.tryAcquirePermit().onSuccess(1);
        breaker.tryAcquirePermit().onSuccess(1);
        breaker.tryAcquirePermit()
                .onError(new IllegalStateException(), Duration.ofSeconds(1).toNanos());

        assertThat(registry.get("headroom.breaker.failure.rate").gauge().value())
                .isEqualTo(25.0);
        assertThat(registry.get("headroom.breaker.slow.call.rate").gauge().value())
                .isEqualTo(25.0);
        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> {
            assertThat(meter.getId().getTag("name")).isEqualTo("payments");
            assertThat(meter.getId().getTag("service")).isEqualTo("checkout");
        });
        assertThat(registry.find("headroom.breaker.state").gauges()).hasSize(State.values().length);
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).functionCounter().count();
    }
}
