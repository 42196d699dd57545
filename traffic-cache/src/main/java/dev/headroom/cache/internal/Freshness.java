package dev.headroom.cache.internal;

/**
 * The one freshness rule of every read: single reads, bulk reads and the lease's reads judge the
 * copies they find here, so a copy gets the same verdict however it was read.
 *
 * <p>A copy is fresh until its {@code freshUntil}; a copy in the local tier that Redis could
 * confirm is trusted only until its {@code trustedUntil} (the local TTL cap). A fresh copy in the
 * early-refresh zone may be refreshed early (XFetch). Past its TTL it is served while revalidating
 * until {@code revalidateUntil}. Whether an expired copy may stand in for a failed load is {@link
 * LocalEntry#servesOnError(long)}, which does not depend on the verdict.
 */
final class Freshness {

    private final EarlyRefresh early;

    Freshness(EarlyRefresh early) {
        this.early = early;
    }

    /**
     * Judges a copy at {@code now}.
     *
     * @param entry the copy
     * @param now the ticker's reading
     * @param confirmable whether Redis could confirm it (a local copy with a Redis tier that answers):
     *     then it is fresh only within the local TTL cap
     * @return what the read may do with it
     */
    Verdict judge(LocalEntry entry, long now, boolean confirmable) {
        if (now < (confirmable ? entry.trustedUntil : entry.freshUntil)) {
            return early.due(now, entry.freshUntil, entry.computeNanos) ? Verdict.FRESH_REFRESH_EARLY : Verdict.FRESH;
        }
        if (now < entry.freshUntil) {
            return Verdict.UNCONFIRMED;
        }
        return now < entry.revalidateUntil ? Verdict.REVALIDATE : Verdict.EXPIRED;
    }
}
