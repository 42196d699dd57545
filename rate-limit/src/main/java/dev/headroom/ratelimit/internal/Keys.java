package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.RateLimitPolicy;

/** Argument checks shared by every limiter; they throw only for programming errors. */
public final class Keys {

    private Keys() {}

    /**
     * Checks a key.
     *
     * @param key the key
     * @return the key
     * @throws IllegalArgumentException if it is empty or blank
     */
    public static String requireValid(String key) {
        if (key.isBlank()) {
            throw new IllegalArgumentException("rate limit key must not be blank: '" + key + "'");
        }
        return key;
    }

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
}
