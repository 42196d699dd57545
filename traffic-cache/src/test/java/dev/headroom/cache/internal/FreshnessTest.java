package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessTest {

    private static final long MS = 1_000_000L;

    /** Trusted until 100 ms, fresh until 1 s, revalidated until 2 s, served on error until 3 s. */
    private static LocalEntry entry(long computeNanos) {
        return new LocalEntry("v", computeNanos, 1_000 * MS, 100 * MS, 100 * MS, 2_000 * MS, 3_000 * MS, 0, 1);
    }

    @Test
    void aCopyIsFreshThenUnconfirmedPastTheCapThenRevalidatedThenExpired() {
        Freshness freshness = new Freshness(new EarlyRefresh(0, () -> 1));
        LocalEntry entry = entry(0);

        assertThat(freshness.judge(entry, 99 * MS, true)).isEqualTo(Verdict.FRESH);
        assertThat(freshness.judge(entry, 100 * MS, true)).isEqualTo(Verdict.UNCONFIRMED);
        assertThat(freshness.judge(entry, 100 * MS, false))
                .as("a copy nothing can confirm is fresh for its whole TTL")
                .isEqualTo(Verdict.FRESH);
        assertThat(freshness.judge(entry, 999 * MS, false)).isEqualTo(Verdict.FRESH);
        assertThat(freshness.judge(entry, 1_000 * MS, false)).isEqualTo(Verdict.REVALIDATE);
        assertThat(freshness.judge(entry, 1_000 * MS, true)).isEqualTo(Verdict.REVALIDATE);
        assertThat(freshness.judge(entry, 2_000 * MS, false)).isEqualTo(Verdict.EXPIRED);
        assertThat(entry.servesOnError(2_999 * MS)).isTrue();
        assertThat(entry.servesOnError(3_000 * MS)).isFalse();
    }

    @Test
    void aFreshCopyNearItsExpiryIsRefreshedEarlyWhenTheDrawSaysSo() {
        Freshness lucky = new Freshness(new EarlyRefresh(1, () -> 1e-12));
        Freshness unlucky = new Freshness(new EarlyRefresh(1, () -> 1.0));
        LocalEntry slow = entry(10 * MS); // 10 ms to compute: draws start 200 ms before expiry

        assertThat(lucky.judge(slow, 799 * MS, false)).isEqualTo(Verdict.FRESH);
        assertThat(lucky.judge(slow, 900 * MS, false)).isEqualTo(Verdict.FRESH_REFRESH_EARLY);
        assertThat(unlucky.judge(slow, 900 * MS, false)).isEqualTo(Verdict.FRESH);
        assertThat(lucky.judge(slow, 90 * MS, true))
                .as("far from expiry, within the cap")
                .isEqualTo(Verdict.FRESH);
        assertThat(Verdict.FRESH_REFRESH_EARLY.fresh()).isTrue();
        assertThat(Verdict.UNCONFIRMED.fresh()).isFalse();
    }
}
