package dev.headroom.jobs.internal.durable;

/**
 * The answer to a completion.
 *
 * @param completed false if the lease was lost and the result discarded
 * @param next jobs leased in the same call
 */
public record Completion(boolean completed, LeaseBatch next) {}
