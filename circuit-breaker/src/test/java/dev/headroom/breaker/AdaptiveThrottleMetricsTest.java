package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.breaker.metrics.AdaptiveThrottleMetrics;
import dev.headroom.core.ManualTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdaptiveThrottleMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void exposesRequestsAcceptsRejectionsAndTheProbability() {
        double[] draw = {0.999};
        AdaptiveThrottle throttle =
                AdaptiveThrottle.of("search", AdaptiveThrottleConfig.ofDefaults(), new ManualTicker(), () -> draw[0]);
        AdaptiveThrottleMetrics.of(throttle).bindTo(registry);

        for (int i = 0; i < 9; i++) {
            throttle.tryAcquire();
        }
        throttle.onAccepted();
        draw[0] = 0.0;
        throttle.tryAcquire();

        assertThat(registry.get("headroom.throttle.requests").functionCounter().count())
                .isEqualTo(10);
        assertThat(registry.get("headroom.throttle.accepts").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.throttle.rejections")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.throttle.rejection.probability")
                        .gauge()
                        .value())
                .isCloseTo((10 - 2.0) / 11, within(1e-9));
    }
}
