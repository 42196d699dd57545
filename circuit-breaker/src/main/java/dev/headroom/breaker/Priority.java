package dev.headroom.breaker;

/**
 * How much a request matters when a {@link Bulkhead} is overloaded, highest first. Waiting requests
 * are served highest priority first, and when the queue is full the lowest priority is shed first:
 * a {@link #CRITICAL} request evicts a {@link #LOW} one, never the reverse. {@link
 * BulkheadConfig.Builder#guaranteedShare(Priority, double)} reserves capacity for a priority.
 */
public enum Priority {
    /** Must not be shed while anything else can be: payments, logins, health checks. */
    CRITICAL,
    /** User-facing requests that matter more than most. */
    HIGH,
    /** The default for every request. */
    NORMAL,
    /** Shed first: prefetches, analytics, batch and test traffic. */
    LOW
}
