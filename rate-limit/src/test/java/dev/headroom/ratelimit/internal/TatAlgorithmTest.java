package dev.headroom.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.ratelimit.Limit;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TatAlgorithmTest {

    private static final List<Limit> LIMITS = List.of(
            Limit.tokenBucket("one-per-micro", Integer.MAX_VALUE, 1_000_000, Duration.ofSeconds(1)),
            Limit.tokenBucket("thirds", 3, 3, Duration.ofSeconds(1)),
            Limit.tokenBucket("hourly", 1, 1, Duration.ofHours(1)),
            Limit.tokenBucket("deep", Integer.MAX_VALUE, 10, Duration.ofSeconds(1)), // credits near 2^58, the most
            Limit.gcra("gcra", 7, Duration.ofMinutes(1), 5));

    /** {@code remaining} multiplies by a reciprocal instead of dividing: it must agree with the division everywhere. */
    @Test
    void remainingIsTheExactQuotientForEveryCredit() {
        SplittableRandom random = new SplittableRandom(42);
        for (Limit limit : LIMITS) {
            TatAlgorithm algorithm = new TatAlgorithm(limit);
            long interval = limit.intervalNanos();
            long tau = limit.windowNanos();
            long now = 1_000_000_000L;
            for (int i = 0; i < 200_000; i++) {
                long debt = switch (i % 4) {
                    case 0 -> random.nextLong(tau + 1);
                    case 1 -> Math.max(0, tau - random.nextLong(3 * interval + 1)); // an almost empty bucket
                    case 2 -> Math.min(tau, random.nextLong(limit.quota() + 1) * interval); // whole tokens
                    default ->
                        Math.min(tau, Math.max(0, random.nextLong(limit.quota() + 1) * interval - 1)); // one short
                };
                long credit = tau - debt;
                assertThat(algorithm.remaining(now + debt, now))
                        .as("%s, credit %d", limit.name(), credit)
                        .isEqualTo(credit / interval);
            }
            assertThat(algorithm.remaining(now - 5, now)).isEqualTo(tau / interval); // full: TAT in the past
            assertThat(algorithm.remaining(now + tau, now)).isZero(); // empty
        }
    }
}
