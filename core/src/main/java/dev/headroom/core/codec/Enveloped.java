package dev.headroom.core.codec;

/**
 * A value read back from an envelope, with what the writer recorded about it.
 *
 * @param value the decoded value
 * @param computedAtMillis wall-clock epoch millis at which the writer computed the value, or 0 if
 *     it did not say
 * @param computeNanos how long the writer took to compute the value, or 0 if it did not say; early
 *     refresh uses it to start recomputing a slow value sooner
 * @param <T> the value type
 */
public record Enveloped<T>(T value, long computedAtMillis, long computeNanos) {}
