package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.RateLimitPolicy;

/**
 * Argument checks shared by every limiter besides the key rule of {@link dev.headroom.core.UserKeys}; they
 * throw only for programming errors.
 */
public final class Arguments {

    private Arguments() {}

    /**
     * Checks a permit count.
     *
     * @param permits the count
     * @throws IllegalArgumentException if it is negative
     */
    public static void requirePermits(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
    }

    /**
     * The error for a decision with the wrong number of keys.
     *
     * @param policy the policy
     * @param given how many keys were given
     * @return the exception to throw
     */
    public static IllegalArgumentException wrongCount(RateLimitPolicy policy, int given) {
        return new IllegalArgumentException("policy '" + policy.name() + "' has "
                + policy.scopes().size() + " scopes and needs one key per scope: got " + given);
    }

    /**
     * Checks that a limiter may switch from one policy to another and keep its state.
     *
     * @param current the policy in force
     * @param next the new policy
     * @return {@code next}
     * @throws IllegalArgumentException if the names or scopes differ
     */
    public static RateLimitPolicy requireCompatible(RateLimitPolicy current, RateLimitPolicy next) {
        if (!current.isCompatibleWith(next)) {
            throw new IllegalArgumentException(
                    "policy " + next + " is not compatible with " + current + ": names and scopes must match");
        }
        return next;
    }
}
