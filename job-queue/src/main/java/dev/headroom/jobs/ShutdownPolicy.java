package dev.headroom.jobs;

/** What {@link CoalescingQueue#shutdown(ShutdownPolicy, java.time.Duration)} does with pending work. */
public enum ShutdownPolicy {
    /** Run every pending payload now, ignoring its debounce window, and wait for it. */
    RUN_PENDING,
    /** Run nothing more: pending payloads are dropped and returned in the report. */
    DROP_PENDING
}
