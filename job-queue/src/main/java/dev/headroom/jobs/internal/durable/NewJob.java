package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobOptions;
import org.jspecify.annotations.Nullable;

/** A job as a backend adds it: encoded payload and flattened options. */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
record NewJob(
        byte[] payload,
        @Nullable String jobId,
        int priority,
        long delayMs,
        int maxAttempts,
        String backoff,
        long keepCompletedCount,
        long keepCompletedAgeMs,
        long keepFailedCount,
        long keepFailedAgeMs,
        @Nullable String debounceKey,
        long debounceWindowMs,
        long debounceMaxWaitMs) {

    /** Flattens options. */
    static NewJob of(byte[] payload, JobOptions options) {
        return new NewJob(
                payload,
                options.jobId().orElse(null),
                options.priority(),
                options.delay().toMillis(),
                options.maxAttempts(),
                BackoffSpec.encode(options.backoff()),
                options.keepCompleted().maxCount(),
                Math.max(1, options.keepCompleted().maxAge().toMillis()),
                options.keepFailed().maxCount(),
                Math.max(1, options.keepFailed().maxAge().toMillis()),
                options.debounceKey().orElse(null),
                options.debounceWindow().toMillis(),
                options.debounceMaxWait().toMillis());
    }
}
