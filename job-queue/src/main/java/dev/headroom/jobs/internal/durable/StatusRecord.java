package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobState;
import org.jspecify.annotations.Nullable;

/** A job's stored status, before the result is decoded. */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
record StatusRecord(
        JobState state,
        int progress,
        int attempts,
        int maxAttempts,
        int stalls,
        byte @Nullable [] result,
        @Nullable String error,
        long createdAtMillis,
        long finishedAtMillis) {}
