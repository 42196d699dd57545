package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyLimiterTest {

    private final ManualTicker ticker = new ManualTicker();

    private AdaptiveConcurrencyLimiter limiter(int initial, int max) {
        return AdaptiveConcurrencyLimiter.of(
                "db",
                AdaptiveConcurrencyConfig.builder()
                        .min(2)
                        .max(max)
                        .initial(initial)
                        .build(),
                ticker);
    }

    /** Runs {@code concurrent} calls at once, each taking {@code rtt}. */
    private void wave(AdaptiveConcurrencyLimiter limiter, int concurrent, Duration rtt) {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
            Lease lease = limiter.tryAcquire();
            if (lease.isAcquired()) {
                leases.add(lease);
            }
        }
        ticker.advance(rtt);
        leases.forEach(Lease::close);
    }

    @Test
    void flatLatencyWithLowDemandLeavesTheLimitAlone() {
        AdaptiveConcurrencyLimiter limiter = limiter(20, 1000);

        for (int i = 0; i < 10_000; i++) {
            wave(limiter, 2, Duration.ofMillis(10));
        }

        assertThat(limiter.limit()).as("no evidence the limit binds: no growth").isEqualTo(20);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void flatLatencyAtTheLimitGrowsButNeverPastTheMaximum() {
        AdaptiveConcurrencyLimiter limiter = limiter(4, 50);

        for (int i = 0; i < 2_000; i++) {
            wave(limiter, limiter.limit(), Duration.ofMillis(10));
        }

        assertThat(limiter.limit()).isEqualTo(50);
    }

    @Test
    void risingLatencyShrinksTheLimitAndDropsCutIt() {
        AdaptiveConcurrencyLimiter limiter = limiter(40, 100);
        wave(limiter, 40, Duration.ofMillis(10));
        int before = limiter.limit();

        for (int i = 0; i < 20; i++) {
            wave(limiter, limiter.limit(), Duration.ofMillis(40));
        }
        assertThat(limiter.limit()).isLessThan(before);

        int current = limiter.limit();
        Lease lease = limiter.tryAcquire();
        lease.markDropped();
        lease.close();
        lease.close();
        assertThat(limiter.limit()).isEqualTo(Math.max(2, (int) Math.floor(current * 0.9)));
    }

    @Test
    void refusesPastTheLimitAndValidatesItsConfig() {
        AdaptiveConcurrencyLimiter limiter = limiter(2, 10);
        Lease a = limiter.tryAcquire();
        Lease b = limiter.tryAcquire();
        Lease c = limiter.tryAcquire();
        assertThat(c.isAcquired()).isFalse();
        c.close();
        a.close();
        b.close();
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.stats()).isEqualTo(new AdaptiveConcurrencyStats(limiter.limit(), 0, 2, 1, 0));
        assertThatThrownBy(() -> AdaptiveConcurrencyConfig.builder().min(0)).hasMessage("min must be at least 1: 0");
        assertThatThrownBy(
                        () -> AdaptiveConcurrencyConfig.builder().min(6).max(5).build())
                .hasMessage("max must be at least min 6: 5");
        assertThatThrownBy(() ->
                        AdaptiveConcurrencyConfig.builder().alpha(3).beta(3).build())
                .hasMessage("beta must exceed alpha 3: 3");
        assertThatThrownBy(() ->
                        AdaptiveConcurrencyConfig.builder().max(5).initial(9).build())
                .hasMessage("initial must be between min 1 and max 5: 9");
        assertThat(AdaptiveConcurrencyConfig.builder().max(5).build().initial())
                .as("the default start, brought within the bounds")
                .isEqualTo(5);
        AdaptiveConcurrencyConfig defaults = AdaptiveConcurrencyConfig.ofDefaults();
        assertThat(defaults.initial()).isEqualTo(AdaptiveConcurrencyConfig.DEFAULT_INITIAL);
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
    }
}
