package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * The answer of an {@link AbuseGuard}.
 *
 * @param outcome what happened
 * @param retryAfterNanos for {@link Outcome#BANNED}, nanoseconds until the ban ends; for {@link
 *     Outcome#DENIED}, the failure policy's {@link FailurePolicy#retryAfter()}; else 0
 * @param offences how many times the client was banned within the offence memory, this ban
 *     included
 * @param source where the answer came from: {@link Decision.Source#LOCAL} in memory, {@link
 *     Decision.Source#REDIS} from Redis, or, while Redis is unavailable, the failure policy's {@link
 *     Decision.Source#FAIL_OPEN}, {@link Decision.Source#FAIL_CLOSED} or {@link
 *     Decision.Source#LOCAL_FALLBACK}
 */
public record AbuseVerdict(Outcome outcome, long retryAfterNanos, int offences, Decision.Source source) {

    /** What an abuse check found. */
    public enum Outcome {
        /** The client is within its short-window rate, or Redis is unavailable and the guard fails open. */
        ALLOWED,
        /** The client is on the allowlist and was not counted. */
        ALLOWLISTED,
        /** The client is banned, by this check or earlier. */
        BANNED,
        /** Redis is unavailable and the guard fails closed: refused, though no ban was issued. */
        DENIED
    }

    /**
     * Says whether the request may proceed.
     *
     * @return true unless banned or denied
     */
    public boolean isAllowed() {
        return outcome == Outcome.ALLOWED || outcome == Outcome.ALLOWLISTED;
    }

    /**
     * Returns how long to wait before trying again.
     *
     * @return zero unless banned or denied
     */
    public Duration retryAfter() {
        return Duration.ofNanos(retryAfterNanos);
    }
}
