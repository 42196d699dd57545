package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.metrics.RetryMeterBinder;
import dev.headroom.core.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryMeterBinderTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void exposesCallsByOutcomeRetriesAndBudgetRefusals() throws Exception {
        Retry retry = Retry.of(
                "inventory",
                RetryConfig.builder()
                        .maxAttempts(3)
                        .backoff(Backoff.fixed(Duration.ZERO))
                        .budget(RetryBudget.of(0.0, 1, Duration.ofSeconds(2)))
                        .build(),
                new ManualScheduler(),
                Runnable::run);
        new RetryMeterBinder(retry).bindTo(registry);
        AtomicInteger attempts = new AtomicInteger();

        retry.call(() -> "first time");
        retry.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("once");
            }
            return "second time";
        });
        assertThatThrownBy(() -> retry.call(() -> {
                    throw new IOException("always");
                }))
                .isInstanceOf(IOException.class);

        assertThat(count("successful_without_retry")).isEqualTo(1);
        assertThat(count("successful_after_retry")).isEqualTo(1);
        assertThat(count("failed_after_retry")).isEqualTo(1);
        assertThat(count("failed_without_retry")).isZero();
        assertThat(registry.get("headroom.retry.retries").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("headroom.retry.budget.refusals")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("headroom.retry.retries")
                        .tag("name", "inventory")
                        .functionCounter())
                .isNotNull();
    }

    private double count(String outcome) {
        return registry.get("headroom.retry.calls")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }
}
