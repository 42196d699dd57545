package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest extends ConcurrencyLimiterContract {

    @Override
    protected ConcurrencyLimiter create(String name, int limit) {
        return ConcurrencyLimiter.local(name, limit);
    }

    @Test
    void idleKeysHoldNothingAndTheKeyCapRefusesNewKeys() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local("cap", 1, new ManualTicker(), 2);
        Lease a = limiter.tryAcquire("a");
        Lease b = limiter.tryAcquire("b");

        assertThat(limiter.tryAcquire("c").isAcquired()).isFalse();
        assertThat(limiter.stats().keysRejected()).isEqualTo(1);
        a.close();
        assertThat(limiter.toString()).contains("keys=1");
        assertThat(limiter.tryAcquire("c").isAcquired()).isTrue();
        b.close();
        assertThatThrownBy(() -> ConcurrencyLimiter.local("bad", 0)).hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> limiter.tryAcquire(" ")).hasMessageContaining("blank");
    }

    @Test
    void aFrozenClockCannotMakeTheWaitEndless() {
        ConcurrencyLimiter frozen = ConcurrencyLimiter.local("f", 1, new ManualTicker(), 10);
        Lease taken = frozen.tryAcquire("k");
        assertThat(frozen.acquire("k", Duration.ofMillis(5)).isAcquired()).isFalse();
        taken.close();
    }
}
