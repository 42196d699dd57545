package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void fixedWaitsTheSameBeforeEveryRetry() {
        Backoff backoff = Backoff.fixed(Duration.ofMillis(250));

        assertThat(backoff.delayNanos(1, 0)).isEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(backoff.delayNanos(50, 123)).isEqualTo(Duration.ofMillis(250).toNanos());
        assertThat(Backoff.fixed(Duration.ZERO).delayNanos(3, 0)).isZero();
    }

    @Test
    void exponentialDoublesFromTheInitialDelayAndStopsAtTheCap() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(backoff.delayNanos(1, 0)).isEqualTo(SECOND);
        assertThat(backoff.delayNanos(2, 0)).isEqualTo(2 * SECOND);
        assertThat(backoff.delayNanos(3, 0)).isEqualTo(4 * SECOND);
        assertThat(backoff.delayNanos(4, 0)).isEqualTo(8 * SECOND);
        assertThat(backoff.delayNanos(5, 0)).isEqualTo(10 * SECOND);
    }

    @Test
    void exponentialNeverOverflowsForHugeRetryNumbers() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), 3.0, Duration.ofDays(36_500));

        assertThat(backoff.delayNanos(Integer.MAX_VALUE, 0))
                .isEqualTo(Duration.ofDays(36_500).toNanos());
        assertThat(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE))
                        .delayNanos(10_000, 0))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void exponentialWithACustomMultiplier() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1));

        assertThat(backoff.delay(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2, Duration.ZERO)).isEqualTo(Duration.ofMillis(150));
        assertThat(backoff.delay(3, Duration.ZERO)).isEqualTo(Duration.ofMillis(225));
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheDelay() {
        Backoff base = Backoff.fixed(Duration.ofSeconds(1));

        assertThat(base.withFullJitter(() -> 0.0).delayNanos(1, 0)).isZero();
        assertThat(base.withFullJitter(() -> 0.5).delayNanos(1, 0)).isEqualTo(SECOND / 2);
        assertThat(base.withFullJitter(() -> 0.999_999).delayNanos(1, 0)).isLessThan(SECOND);
    }

    @Test
    void equalJitterKeepsHalfTheDelayAndDrawsTheOtherHalf() {
        Backoff base = Backoff.fixed(Duration.ofSeconds(1));

        assertThat(base.withEqualJitter(() -> 0.0).delayNanos(1, 0)).isEqualTo(SECOND / 2);
        assertThat(base.withEqualJitter(() -> 0.5).delayNanos(1, 0)).isEqualTo(SECOND * 3 / 4);
        assertThat(base.withEqualJitter(() -> 0.999_999).delayNanos(1, 0)).isLessThan(SECOND);
    }

    @Test
    void jitterAppliesToEachGrowingDelay() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60))
                .withFullJitter(() -> 0.5);

        assertThat(backoff.delayNanos(1, 0)).isEqualTo(SECOND / 2);
        assertThat(backoff.delayNanos(3, 0)).isEqualTo(2 * SECOND);
    }

    @Test
    void decorrelatedJitterDrawsBetweenTheBaseAndThreeTimesThePreviousDelay() {
        Backoff low = Backoff.decorrelatedJitter(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> 0.0);
        Backoff high = Backoff.decorrelatedJitter(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> 1.0);
        Backoff middle = Backoff.decorrelatedJitter(Duration.ofSeconds(1), Duration.ofSeconds(20), () -> 0.5);

        assertThat(low.delayNanos(1, 0)).isEqualTo(SECOND);
        assertThat(high.delayNanos(1, 0)).isEqualTo(3 * SECOND);
        assertThat(middle.delayNanos(2, 4 * SECOND)).isEqualTo(SECOND + (12 * SECOND - SECOND) / 2);
        assertThat(high.delayNanos(3, 9 * SECOND)).isEqualTo(20 * SECOND);
    }

    @Test
    void aFaultyRandomSourceIsClampedSoDelaysStayInRange() {
        Backoff base = Backoff.fixed(Duration.ofSeconds(1));

        assertThat(base.withFullJitter(() -> -3.0).delayNanos(1, 0)).isZero();
        assertThat(base.withFullJitter(() -> 7.0).delayNanos(1, 0)).isEqualTo(SECOND);
        assertThat(base.withFullJitter(() -> Double.NaN).delayNanos(1, 0)).isZero();
    }

    @Test
    void defaultRandomSourceStaysInRange() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1))
                .withFullJitter();
        Backoff decorrelated = Backoff.decorrelatedJitter(Duration.ofMillis(10), Duration.ofSeconds(1));

        long previous = 0;
        for (int retry = 1; retry < 1_000; retry++) {
            assertThat(backoff.delayNanos(retry, 0))
                    .isBetween(0L, Duration.ofSeconds(1).toNanos());
            previous = decorrelated.delayNanos(retry, previous);
            assertThat(previous)
                    .isBetween(
                            Duration.ofMillis(10).toNanos(),
                            Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    void factoriesRejectBadValuesNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.fixed(Duration.ofSeconds(-1)))
                .withMessage("delay must not be negative: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .withMessage("initialDelay must be positive: PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)))
                .withMessage("multiplier must be at least 1.0 and finite: 0.5");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        Backoff.exponential(Duration.ofSeconds(1), Double.POSITIVE_INFINITY, Duration.ofSeconds(2)))
                .withMessage("multiplier must be at least 1.0 and finite: Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessage("maxDelay must not be shorter than initialDelay: PT1S < PT2S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.decorrelatedJitter(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .withMessage("baseDelay must be positive: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.decorrelatedJitter(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessage("maxDelay must not be shorter than baseDelay: PT1S < PT2S");
    }

    @Test
    void describesItself() {
        assertThat(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8))
                        .withEqualJitter()
                        .toString())
                .isEqualTo("exponential(PT1S x2.0 up to PT8S) with equal jitter");
    }
}
