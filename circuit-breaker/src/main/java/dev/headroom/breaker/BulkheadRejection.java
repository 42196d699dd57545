package dev.headroom.breaker;

/** Why a {@link Bulkhead} refused a request. */
public enum BulkheadRejection {
    /** Every slot was taken and the request could not wait: {@link Bulkhead#tryAcquire(Priority)}. */
    NO_CAPACITY,
    /** Every slot was taken and the queue was full of requests of the same or higher priority. */
    QUEUE_FULL,
    /** The request was waiting when a higher-priority request needed its place in the queue. */
    SHED,
    /** The request waited as long as the queue allows without getting a slot. */
    TIMED_OUT
}
