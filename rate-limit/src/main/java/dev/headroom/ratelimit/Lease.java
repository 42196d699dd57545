package dev.headroom.ratelimit;

/**
 * A permit of a concurrency limit, held while the work runs and released by {@link #close()}, so
 * try-with-resources releases it on every path:
 *
 * <pre>{@code
 * try (Lease lease = limiter.tryAcquire(userId)) {
 *     if (!lease.isAcquired()) {
 *         return tooManyRequests();
 *     }
 *     return export(userId);
 * }
 * }</pre>
 *
 * <p>Closing is idempotent: only the first close releases. A refused lease may be closed too; it
 * releases nothing.
 */
public interface Lease extends AutoCloseable {

    /**
     * Says whether the permit was granted.
     *
     * @return true if the work may run
     */
    boolean isAcquired();

    /**
     * Reports that the work failed because the dependency was overloaded (a timeout, a rejection),
     * before closing; an adaptive limiter shrinks on it, others ignore it.
     */
    default void markDropped() {}

    /** Releases the permit; later calls do nothing. */
    @Override
    void close();
}
