package dev.headroom.cache.internal;

/**
 * One value in the local tier with its deadlines, all on the ticker's monotonic clock. In order:
 * {@code hotUntil <= trustedUntil <= freshUntil}; the grace deadlines follow {@code freshUntil}.
 */
final class LocalEntry {
    /** The value, or {@link Absent#INSTANCE}. */
    final Object value;
    /** How long computing the value took, for early refresh; 0 if unknown. */
    final long computeNanos;
    /** When the value stops being fresh: its TTL with jitter. */
    final long freshUntil;
    /** When this instance stops trusting its copy without asking Redis: fresh and within the cap. */
    final long trustedUntil;
    /** When the hit path stops serving it: trusted and not yet in the early-refresh zone. */
    final long hotUntil;
    /** When stale-while-revalidate stops serving it. */
    final long revalidateUntil;
    /** When stale-if-error stops serving it. */
    final long errorUntil;
    /** When the local tier drops it. */
    final long keepUntil;
    /** The local tier's epoch when the value was fetched; a later epoch never serves it. */
    final int epoch;
    /** The weight for a weight-bounded local tier. */
    final int weight;

    LocalEntry(
            Object value,
            long computeNanos,
            long freshUntil,
            long trustedUntil,
            long hotUntil,
            long revalidateUntil,
            long errorUntil,
            int epoch,
            int weight) {
        this.value = value;
        this.computeNanos = computeNanos;
        this.freshUntil = freshUntil;
        this.trustedUntil = trustedUntil;
        this.hotUntil = hotUntil;
        this.revalidateUntil = revalidateUntil;
        this.errorUntil = errorUntil;
        this.keepUntil = Math.max(freshUntil, Math.max(revalidateUntil, errorUntil));
        this.epoch = epoch;
        this.weight = weight;
    }

    /** Whether this copy may stand in for a load that failed at {@code now} (stale-if-error). */
    boolean servesOnError(long now) {
        return now < errorUntil;
    }

    @Override
    public String toString() {
        return "LocalEntry{freshUntil=" + freshUntil + ", trustedUntil=" + trustedUntil + ", hotUntil=" + hotUntil
                + ", epoch=" + epoch + '}';
    }
}
