package dev.headroom.jobs.internal.durable;

import java.nio.charset.StandardCharsets;

/**
 * The options a job keeps in Redis, packed into one field {@code opt} of its hash, in this order:
 * {@code priority:maxAttempts:keepCompletedCount:keepCompletedAgeMs:keepFailedCount:keepFailedAgeMs:backoff}.
 * The scripts read the numbers they need from it with patterns ({@code lib.lua}); the backoff comes
 * last because its own encoding contains colons. One field instead of seven keeps a job's hash
 * short, and Redis finds a field of a small hash by scanning it.
 */
final class PackedOptions {

    private static final int BACKOFF_INDEX = 6;

    private PackedOptions() {}

    /** Packs a new job's options. */
    static byte[] pack(NewJob job) {
        String packed = job.priority() + ":" + job.maxAttempts() + ':' + job.keepCompletedCount() + ':'
                + job.keepCompletedAgeMs() + ':' + job.keepFailedCount() + ':' + job.keepFailedAgeMs() + ':'
                + job.backoff();
        return packed.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the maximum attempts.
     *
     * @throws IllegalArgumentException if {@code packed} was not written by {@link #pack}
     */
    static int maxAttempts(String packed) {
        int start = packed.indexOf(':') + 1;
        int end = packed.indexOf(':', start);
        if (start == 0 || end < 0) {
            throw malformed(packed);
        }
        return Integer.parseInt(packed, start, end, 10);
    }

    /**
     * Reads the backoff, as {@link BackoffSpec#encode} wrote it.
     *
     * @throws IllegalArgumentException if {@code packed} was not written by {@link #pack}
     */
    static String backoff(String packed) {
        int at = -1;
        for (int i = 0; i < BACKOFF_INDEX; i++) {
            at = packed.indexOf(':', at + 1);
            if (at < 0) {
                throw malformed(packed);
            }
        }
        return packed.substring(at + 1);
    }

    private static IllegalArgumentException malformed(String packed) {
        return new IllegalArgumentException("not a job's packed options: '" + packed + "'");
    }
}
