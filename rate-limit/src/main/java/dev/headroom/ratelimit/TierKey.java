package dev.headroom.ratelimit;

import java.util.List;

/**
 * What a {@link TierResolver} makes of a request: the plan that applies and the keys to limit, one
 * per scope of the plan's policy.
 *
 * @param plan the plan's name
 * @param keys one key per scope of the plan, coarsest first
 */
public record TierKey(String plan, List<String> keys) {

    /**
     * Copies the keys.
     *
     * @param plan the plan's name
     * @param keys one key per scope of the plan, coarsest first
     * @throws IllegalArgumentException if no key is given
     */
    public TierKey {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a tier key needs at least one key for plan '" + plan + "'");
        }
    }

    /**
     * A plan with one key.
     *
     * @param plan the plan's name
     * @param key the key
     * @return the tier key
     */
    public static TierKey of(String plan, String key) {
        return new TierKey(plan, List.of(key));
    }
}
