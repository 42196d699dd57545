package dev.headroom.jobs.internal.durable;

import java.util.List;

/**
 * The answer to a worker turn.
 *
 * @param lost the finished jobs whose lease was lost, so their results were discarded
 * @param next jobs leased in the same call
 */
record Completion(List<String> lost, LeaseBatch next) {}
