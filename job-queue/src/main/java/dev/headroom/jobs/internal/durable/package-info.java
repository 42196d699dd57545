/**
 * The durable queue's implementation: {@link dev.headroom.jobs.internal.durable.DefaultJobQueue}
 * and its workers over a {@link dev.headroom.jobs.internal.durable.Backend}, which Redis and memory
 * implement with the same state machine.
 *
 * <p><b>Redis layout and why.</b> Per queue, with hash tag {@code hr:{<queue>}:}: {@code job:<id>}
 * hashes (payload, options, state, lease token, progress, result, error, timestamps); sorted sets
 * {@code waiting} (score: priority, then arrival sequence), {@code delayed} (score: due time),
 * {@code active} (score: lease deadline), {@code completed}, {@code failed} and {@code dead} (score:
 * finish time); the {@code debounce} hash (debounce key to job id); the {@code seq} counter; and the
 * pub/sub channel {@code wake}. Sorted sets and Lua were chosen over Streams: a stream has no
 * priorities (one stream per level, polled in turn), no delays (a sorted set feeding it anyway), and
 * entries that cannot be replaced, while debouncing must replace a pending job's payload; its
 * consumer groups' idle-time reclaim would still need separate stall counts, dedup and status. With
 * sorted sets, every transition (add, a worker's turn that completes a batch and leases with
 * promotion and reclaim, fail, renew, progress, redrive) is one script on the server's clock.
 *
 * <p><b>Cost per job.</b> Each script costs the server a request and a Lua call per command, so
 * the hot scripts touch each key once: an add is one hash write and one sorted-set write (a
 * generated id is also the job's place in line), and a worker records completions with its next
 * lease, so that a steady trickle of jobs costs one add and about one worker turn per job.
 *
 * <p><b>Bounds.</b> Live jobs (waiting, delayed, active) have no TTL: they are the queue's content.
 * Finished jobs get a TTL of their retention's age and are trimmed by count. The {@code debounce}
 * hash holds one field per key with a live job. {@code seq} is one key per queue.
 */
@NullMarked
package dev.headroom.jobs.internal.durable;

import org.jspecify.annotations.NullMarked;
