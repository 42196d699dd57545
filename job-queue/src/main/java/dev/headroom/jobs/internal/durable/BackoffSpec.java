package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.JobBackoff;
import java.time.Duration;

/** Stores a {@link JobBackoff} with its job as {@code kind:initialMs:maxMs:jitter}. */
final class BackoffSpec {

    private BackoffSpec() {}

    static String encode(JobBackoff backoff) {
        return (backoff.kind() == JobBackoff.Kind.FIXED ? "F" : "E")
                + ':'
                + backoff.initialDelay().toMillis()
                + ':'
                + backoff.maxDelay().toMillis()
                + ':'
                + (backoff.jitter() ? '1' : '0');
    }

    /** Decodes, falling back to {@link JobBackoff#DEFAULT} for anything unreadable. */
    static JobBackoff decode(String spec) {
        String[] parts = spec.split(":", -1);
        try {
            if (parts.length != 4) {
                return JobBackoff.DEFAULT;
            }
            Duration initial = Duration.ofMillis(Long.parseLong(parts[1]));
            Duration max = Duration.ofMillis(Long.parseLong(parts[2]));
            JobBackoff backoff =
                    parts[0].equals("F") ? JobBackoff.fixed(initial) : JobBackoff.exponential(initial, max);
            return parts[3].equals("1") ? backoff.withJitter() : backoff;
        } catch (IllegalArgumentException e) {
            return JobBackoff.DEFAULT;
        }
    }
}
