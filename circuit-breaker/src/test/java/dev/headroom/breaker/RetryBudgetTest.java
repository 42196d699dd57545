package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger attempts = new AtomicInteger();

    private Retry retry(RetryBudget budget) {
        return Retry.of(
                "search",
                RetryConfig.builder()
                        .maxAttempts(3)
                        .backoff(Backoff.fixed(Duration.ZERO))
                        .budget(budget)
                        .build(),
                scheduler,
                Runnable::run);
    }

    private void failingCall(Retry retry) {
        assertThatThrownBy(() -> retry.call(() -> {
                    attempts.incrementAndGet();
                    throw new IOException("down");
                }))
                .isInstanceOf(IOException.class);
    }

    @Test
    void retriesAreCappedAtTheRatioOfCalls() {
        Retry retry = retry(RetryBudget.of(0.1, 0, Duration.ofSeconds(10)));

        for (int call = 0; call < 100; call++) {
            failingCall(retry);
        }

        // 100 calls allow 10 retries, although 200 were wanted
        assertThat(retry.metrics().retries()).isEqualTo(10);
        assertThat(attempts).hasValue(110);
        assertThat(retry.metrics().retriesRefusedByBudget()).isEqualTo(100); // each call stops at its first refusal
    }

    @Test
    void theFloorAllowsRetriesOnAQuietService() {
        Retry retry = retry(RetryBudget.of(0.0, 1, Duration.ofSeconds(10)));

        for (int call = 0; call < 20; call++) {
            failingCall(retry);
        }

        assertThat(retry.metrics().retries()).isEqualTo(10); // 1 per second over 10 s
    }

    @Test
    void spentRetriesAgeOutOfTheWindow() {
        Retry retry = retry(RetryBudget.of(0.0, 1, Duration.ofSeconds(10)));
        for (int call = 0; call < 10; call++) {
            failingCall(retry);
        }
        assertThat(retry.metrics().retries()).isEqualTo(10);
        failingCall(retry);
        assertThat(retry.metrics().retries()).isEqualTo(10);

        scheduler.advance(Duration.ofSeconds(10));
        failingCall(retry);

        assertThat(retry.metrics().retries()).isEqualTo(12);
    }

    @Test
    void anUnlimitedBudgetNeverRefuses() {
        Retry retry = retry(RetryBudget.unlimited());

        for (int call = 0; call < 100; call++) {
            failingCall(retry);
        }

        assertThat(retry.metrics().retries()).isEqualTo(200);
        assertThat(retry.metrics().retriesRefusedByBudget()).isZero();
    }
}
