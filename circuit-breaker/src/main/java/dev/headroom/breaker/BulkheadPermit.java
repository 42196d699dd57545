package dev.headroom.breaker;

import java.util.Optional;

/**
 * A {@link Bulkhead}'s answer: a slot to run in, or the reason there is none. Refusals are
 * returned, not thrown.
 *
 * <p>Release a granted permit exactly once when the call ends, in a {@code finally} block; the
 * slot goes to the best waiting request. A granted permit is its own small object so that a
 * second {@link #release()} is harmless; refused permits are preallocated.
 */
public interface BulkheadPermit {

    /**
     * Returns whether the request got a slot.
     *
     * @return true if granted
     */
    boolean isGranted();

    /**
     * Returns why the request was refused.
     *
     * @return the reason, or empty if granted
     */
    Optional<BulkheadRejection> rejection();

    /**
     * Returns the priority the request was made with.
     *
     * @return the priority
     */
    Priority priority();

    /** Gives the slot back. Does nothing on a refused permit or after the first call. */
    void release();
}
