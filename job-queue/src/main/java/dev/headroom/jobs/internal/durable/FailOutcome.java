package dev.headroom.jobs.internal.durable;

/** What became of a failed attempt. */
enum FailOutcome {
    LEASE_LOST,
    RETRYING,
    FAILED,
    DEAD
}
