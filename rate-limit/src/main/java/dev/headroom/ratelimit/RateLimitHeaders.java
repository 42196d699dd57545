package dev.headroom.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP response fields of the IETF draft "RateLimit header fields for HTTP" (httpapi
 * ratelimit-headers, draft 10 and later), plus {@code Retry-After}, written from a {@link Decision}:
 *
 * <pre>
 * RateLimit-Policy: "api.burst";q=100;w=60
 * RateLimit: "api.burst";r=50;t=30
 * Retry-After: 30
 * </pre>
 *
 * <p>The quota policy's name is {@code <policy>.<limit>} of the decision's binding limit; {@code q}
 * is its quota, {@code w} its window in seconds, {@code r} the permits remaining and {@code t} the
 * seconds until it is fully available again (a delta, so no clock synchronisation is needed).
 * Seconds are rounded up, so a client that waits {@code Retry-After} seconds is never early.
 * Stateless.
 */
public final class RateLimitHeaders {

    /** The name of the field that describes quota policies: {@value}. */
    public static final String POLICY = "RateLimit-Policy";

    /** The name of the field that describes the current state of a quota: {@value}. */
    public static final String RATE_LIMIT = "RateLimit";

    /** The name of the field that says when to retry: {@value}. */
    public static final String RETRY_AFTER = "Retry-After";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RateLimitHeaders() {}

    /**
     * Returns the {@code RateLimit-Policy} value for the decision's binding limit.
     *
     * @param decision the decision
     * @return such as {@code "api.burst";q=100;w=60}
     */
    public static String policy(Decision decision) {
        return item(decision.policy(), decision.limit());
    }

    /**
     * Returns the {@code RateLimit-Policy} value listing every limit of a policy.
     *
     * @param policy the policy
     * @return a comma-separated list of quota policy items
     */
    public static String policy(RateLimitPolicy policy) {
        StringBuilder value = new StringBuilder();
        for (RateLimitPolicy.Scope scope : policy.scopes()) {
            for (Limit limit : scope.limits()) {
                if (value.length() > 0) {
                    value.append(", ");
                }
                value.append(item(policy.name(), limit));
            }
        }
        return value.toString();
    }

    /**
     * Returns the {@code RateLimit} value.
     *
     * @param decision the decision
     * @return such as {@code "api.burst";r=50;t=30}
     */
    public static String rateLimit(Decision decision) {
        return name(decision.policy(), decision.limit()) + ";r=" + decision.remaining() + ";t="
                + ceilSeconds(decision.resetNanos());
    }

    /**
     * Returns the {@code Retry-After} value in whole seconds, rounded up, for a denial that can
     * pass later.
     *
     * @param decision the decision
     * @return the seconds as text; empty if the decision allowed or can never pass
     */
    public static java.util.Optional<String> retryAfter(Decision decision) {
        if (decision.isAllowed() || decision.retryAfterNanos() == Decision.NEVER) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.toString(Math.max(1, ceilSeconds(decision.retryAfterNanos()))));
    }

    /**
     * Returns all the fields for a response, in order: {@code RateLimit-Policy}, {@code RateLimit},
     * and {@code Retry-After} when it applies.
     *
     * @param decision the decision
     * @return field names to values, in insertion order
     */
    public static Map<String, String> of(Decision decision) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(POLICY, policy(decision));
        fields.put(RATE_LIMIT, rateLimit(decision));
        retryAfter(decision).ifPresent(value -> fields.put(RETRY_AFTER, value));
        return fields;
    }

    private static String item(String policy, Limit limit) {
        return name(policy, limit) + ";q=" + limit.quota() + ";w=" + Math.max(1, ceilSeconds(limit.windowNanos()));
    }

    private static String name(String policy, Limit limit) {
        return '"' + policy + '.' + limit.name() + '"';
    }

    private static long ceilSeconds(long nanos) {
        return nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1);
    }
}
