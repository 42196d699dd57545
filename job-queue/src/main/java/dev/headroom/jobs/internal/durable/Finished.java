package dev.headroom.jobs.internal.durable;

import org.jspecify.annotations.Nullable;

/**
 * A job whose handler returned, for {@link Backend#complete} to record.
 *
 * @param id the job's id
 * @param token the token that leased it; the completion counts only while it holds the lease
 * @param result the encoded result, or null for none
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
record Finished(String id, String token, byte @Nullable [] result) {}
