package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * The answer of an {@link AbuseGuard}.
 *
 * @param outcome what happened
 * @param retryAfterNanos for {@link Outcome#BANNED}, nanoseconds until the ban ends; else 0
 * @param offences how many times the client was banned within the offence memory, this ban
 *     included
 */
public record AbuseVerdict(Outcome outcome, long retryAfterNanos, int offences) {

    /** What an abuse check found. */
    public enum Outcome {
        /** The client is within its short-window rate. */
        ALLOWED,
        /** The client is on the allowlist and was not counted. */
        ALLOWLISTED,
        /** The client is banned, by this check or earlier. */
        BANNED
    }

    /**
     * Says whether the request may proceed.
     *
     * @return true unless banned
     */
    public boolean isAllowed() {
        return outcome != Outcome.BANNED;
    }

    /**
     * Returns how long the ban lasts from now.
     *
     * @return zero unless banned
     */
    public Duration retryAfter() {
        return Duration.ofNanos(retryAfterNanos);
    }
}
