package dev.headroom.jobs;

/** What {@link CoalescingQueue#submit(Object, Object)} did with a submission. Never an error. */
public enum SubmitOutcome {
    /** The key had nothing pending: a run is scheduled for when the debounce window closes. */
    SCHEDULED,
    /** The key had a pending run: its payload was replaced by this one, and no run was added. */
    COALESCED,
    /** The key is running: this payload is held for exactly one follow-up run after it. */
    FOLLOW_UP,
    /** The queue is shutting down or shut down: the submission was dropped and counted. */
    REJECTED
}
