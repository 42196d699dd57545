/**
 * Headroom's job queues.
 *
 * <p>{@link dev.headroom.jobs.CoalescingQueue} is in-process: it debounces bursts of submissions
 * per key into one run with the latest payload, with a max-wait cap, one run per key at a time and
 * exactly one follow-up for submissions that arrive during a run, a skip cache for unchanged
 * payloads, retries with backoff and a shutdown that reports what did not run.
 *
 * <p>{@code JobQueue} is durable: named queues of jobs with ids, priorities,
 * delays, attempts with backoff, progress, status and retention, consumed by workers with a
 * concurrency, at least once. It is held in Redis (standalone or Cluster; every state transition
 * is one Lua script) or in memory for users' unit tests; both pass one contract test kit.
 */
@NullMarked
package dev.headroom.jobs;

import org.jspecify.annotations.NullMarked;
