package dev.headroom.jobs.internal.durable;

import java.util.List;

/**
 * Jobs just leased, and when to look again.
 *
 * @param jobs the leased jobs
 * @param nextDueMs milliseconds until the next delayed job is due or lease expires; -1 if none
 * @param moreWaiting the call leased every job it asked for and more were left waiting
 */
record LeaseBatch(List<LeasedJob> jobs, long nextDueMs, boolean moreWaiting) {}
