package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EarlyRefreshTest {

    private static final long MS = 1_000_000L;

    @Test
    void noDrawAndNoRefreshFarFromExpiry() {
        EarlyRefresh early = new EarlyRefresh(1.0, () -> {
            throw new AssertionError("no draw expected");
        });

        assertThat(early.due(0, 2_001 * MS, 100 * MS)).isFalse();
        assertThat(early.zoneStart(10_000 * MS, 100 * MS)).isEqualTo(8_000 * MS);
    }

    @Test
    void offWithoutBetaOrWithoutAComputeTime() {
        EarlyRefresh off = new EarlyRefresh(0, () -> 1e-300);
        EarlyRefresh unknown = new EarlyRefresh(1, () -> 1e-300);

        assertThat(off.due(999 * MS, 1_000 * MS, 100 * MS)).isFalse();
        assertThat(unknown.due(999 * MS, 1_000 * MS, 0)).isFalse();
        assertThat(off.zoneStart(1_000 * MS, 100 * MS)).isEqualTo(1_000 * MS);
    }

    @Test
    void theDrawDecidesNearExpiryFollowingTheXfetchRule() {
        // -delta * beta * ln(r) >= remaining  <=>  r <= exp(-remaining / (delta * beta))
        double threshold = Math.exp(-1.0); // remaining = delta * beta
        assertThat(new EarlyRefresh(1, () -> threshold * 0.999).due(900 * MS, 1_000 * MS, 100 * MS))
                .isTrue();
        assertThat(new EarlyRefresh(1, () -> threshold * 1.001).due(900 * MS, 1_000 * MS, 100 * MS))
                .isFalse();
        assertThat(new EarlyRefresh(2, () -> Math.exp(-0.5) * 0.999).due(900 * MS, 1_000 * MS, 100 * MS))
                .as("a larger beta refreshes earlier")
                .isTrue();
        assertThat(new EarlyRefresh(1, () -> 0.0).due(0, 1_000 * MS, 100 * MS)).isTrue();
        assertThat(new EarlyRefresh(1, () -> 1.0).due(1_000 * MS, 1_000 * MS, 100 * MS))
                .as("expired")
                .isTrue();
    }

    @Test
    void theRefreshProbabilityIsExpOfMinusRemainingOverDeltaBeta() {
        SplittableRandom random = new SplittableRandom(42);
        EarlyRefresh early = new EarlyRefresh(1, () -> 1.0 - random.nextDouble());
        int draws = 200_000;
        int refreshes = 0;
        for (int i = 0; i < draws; i++) {
            if (early.due(800 * MS, 1_000 * MS, 100 * MS)) {
                refreshes++;
            }
        }

        assertThat((double) refreshes / draws).isCloseTo(Math.exp(-2.0), org.assertj.core.data.Offset.offset(0.005));
    }
}
