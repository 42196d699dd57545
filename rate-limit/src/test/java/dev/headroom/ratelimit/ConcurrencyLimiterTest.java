package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest extends ConcurrencyLimiterContract {

    @Override
    protected ConcurrencyLimiter create(String name, int limit) {
        return ConcurrencyLimiter.local(
                name, ConcurrencyLimiterConfig.builder().limit(limit).build());
    }

    @Test
    void idleKeysHoldNothingAndTheKeyCapRefusesNewKeys() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local(
                "cap", ConcurrencyLimiterConfig.builder().limit(1).maxKeys(2).build(), new ManualScheduler());
        Lease a = limiter.tryAcquire("a");
        Lease b = limiter.tryAcquire("b");

        assertThat(limiter.tryAcquire("c").isAcquired()).isFalse();
        assertThat(limiter.stats().keysRejected()).isEqualTo(1);
        a.close();
        assertThat(limiter.toString()).contains("keys=1");
        assertThat(limiter.tryAcquire("c").isAcquired()).isTrue();
        b.close();
        assertThatThrownBy(() -> ConcurrencyLimiterConfig.builder().limit(0)).hasMessage("limit must be at least 1: 0");
        assertThatThrownBy(() -> ConcurrencyLimiter.local("bad name", ConcurrencyLimiterConfig.ofDefaults()))
                .hasMessageContaining("'bad name'");
    }

    @Test
    void acquireWaitsOnTheSchedulerWithinItsBudget() {
        ManualScheduler scheduler = new ManualScheduler();
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local(
                "wait", ConcurrencyLimiterConfig.builder().limit(1).build(), scheduler);
        Lease taken = limiter.tryAcquire("k");

        assertThat(limiter.acquire("k", Duration.ofMillis(5)).isAcquired()).isFalse();
        assertThat(Duration.ofNanos(scheduler.ticker().nanoTime()))
                .as("it waited out its budget on the scheduler")
                .isEqualTo(Duration.ofMillis(5));
        taken.close();
        Lease after = limiter.acquire("k", Duration.ofMillis(5));
        assertThat(after.isAcquired()).isTrue();
        after.close();
    }

    @Test
    void configsCopyThemselves() {
        ConcurrencyLimiterConfig config = ConcurrencyLimiterConfig.builder()
                .limit(3)
                .leaseTimeout(Duration.ofSeconds(30))
                .maxKeys(7)
                .failurePolicy(FailurePolicy.failClosed())
                .build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(ConcurrencyLimiterConfig.ofDefaults().limit()).isEqualTo(ConcurrencyLimiterConfig.DEFAULT_LIMIT);
        assertThatThrownBy(() -> ConcurrencyLimiterConfig.builder().leaseTimeout(Duration.ZERO))
                .hasMessage("leaseTimeout must be at least 1 ms: PT0S");
    }
}
