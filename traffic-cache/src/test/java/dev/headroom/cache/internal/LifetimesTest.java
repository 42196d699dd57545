package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.cache.TrafficCacheConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LifetimesTest {

    private static final long MS = 1_000_000L;

    @Test
    void jitterOnlyExtendsAndIsTheSameForTheSameKeyAndWriteTime() {
        Lifetimes lifetimes =
                new Lifetimes(TrafficCacheConfig.builder().ttlJitter(0.2).build(), true, new EarlyRefresh(0, () -> 1));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1_000; i++) {
            long lifetime = lifetimes.effectiveTtlMillis("key-" + i, 1_700_000_000_000L, 10_000);
            assertThat(lifetime).isBetween(10_000L, 12_000L);
            assertThat(lifetimes.effectiveTtlMillis("key-" + i, 1_700_000_000_000L, 10_000))
                    .isEqualTo(lifetime);
            min = Math.min(min, lifetime);
            max = Math.max(max, lifetime);
        }
        assertThat(min).isLessThan(10_200);
        assertThat(max).isGreaterThan(11_800);
    }

    @Test
    void redisKeepsAValueForItsLifetimePlusTheLongerGrace() {
        Lifetimes lifetimes = new Lifetimes(
                TrafficCacheConfig.builder()
                        .staleWhileRevalidate(Duration.ofSeconds(3))
                        .staleIfError(Duration.ofSeconds(7))
                        .build(),
                true,
                new EarlyRefresh(0, () -> 1));

        assertThat(lifetimes.redisTtlMillis(10_000)).isEqualTo(17_000);
    }

    @Test
    void anEntrysDeadlinesFollowFromItsAgeTheCapAndEarlyRefresh() {
        Lifetimes lifetimes = new Lifetimes(
                TrafficCacheConfig.builder()
                        .ttlJitter(0)
                        .localTtlCap(Duration.ofSeconds(5))
                        .staleWhileRevalidate(Duration.ofSeconds(2))
                        .staleIfError(Duration.ofSeconds(30))
                        .build(),
                true,
                new EarlyRefresh(1, () -> 1));

        // Written 4 s ago with a 60 s TTL and a 100 ms compute time, seen now at nanos 1000 ms.
        LocalEntry entry = lifetimes.entry("k", "v", 60_000, 100_000, 100 * MS, 1_000 * MS, 104_000, 3, 1);

        assertThat(entry.freshUntil).isEqualTo((1_000 + 56_000) * MS);
        assertThat(entry.trustedUntil).isEqualTo((1_000 + 5_000) * MS);
        assertThat(entry.hotUntil).isEqualTo(entry.trustedUntil);
        assertThat(entry.revalidateUntil).isEqualTo(entry.freshUntil + 2_000 * MS);
        assertThat(entry.errorUntil).isEqualTo(entry.freshUntil + 30_000 * MS);
        assertThat(entry.keepUntil).isEqualTo(entry.errorUntil);
        assertThat(entry.epoch).isEqualTo(3);

        Lifetimes uncapped =
                new Lifetimes(TrafficCacheConfig.builder().ttlJitter(0).build(), false, new EarlyRefresh(1, () -> 1));
        LocalEntry local = uncapped.entry("k", "v", 60_000, 100_000, 100 * MS, 0, 100_000, 0, 1);
        assertThat(local.trustedUntil).isEqualTo(local.freshUntil);
        assertThat(local.hotUntil)
                .as("the early-refresh zone is left to the slow path")
                .isEqualTo(58_000 * MS);
    }

    @Test
    void aValueOlderThanItsLifetimeIsBornExpiredAndClockSkewDoesNotExtendIt() {
        Lifetimes lifetimes =
                new Lifetimes(TrafficCacheConfig.builder().ttlJitter(0).build(), true, new EarlyRefresh(0, () -> 1));

        LocalEntry old = lifetimes.entry("k", "v", 1_000, 0, 0, 50 * MS, 5_000, 0, 1);
        LocalEntry future = lifetimes.entry("k", "v", 1_000, 9_000, 0, 50 * MS, 5_000, 0, 1);

        assertThat(old.freshUntil).isLessThan(50 * MS);
        assertThat(future.freshUntil).isEqualTo(1_050 * MS);
    }
}
