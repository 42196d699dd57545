package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.metrics.TimeLimiterMeterBinder;
import dev.headroom.core.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TimeLimiterMeterBinderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void exposesCallsByOutcomeAndOverdueWork() {
        TimeLimiter limiter = TimeLimiter.of(
                "reports",
                TimeLimiterConfig.builder().timeout(Duration.ofMillis(10)).build(),
                scheduler,
                Runnable::run);
        new TimeLimiterMeterBinder(limiter).bindTo(registry);

        limiter.callAsync(() -> CompletableFuture.completedFuture("fast"));
        limiter.callAsync(() -> CompletableFuture.failedFuture(new IOException("down")));
        limiter.callAsync(CompletableFuture::new);
        scheduler.advance(Duration.ofMillis(10));

        assertThat(count("successful")).isEqualTo(1);
        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("timed_out")).isEqualTo(1);
        assertThat(registry.get("headroom.timelimiter.overdue")
                        .tag("name", "reports")
                        .gauge()
                        .value())
                .isZero();
    }

    private double count(String outcome) {
        return registry.get("headroom.timelimiter.calls")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }
}
