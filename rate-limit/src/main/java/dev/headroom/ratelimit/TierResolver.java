package dev.headroom.ratelimit;

import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Finds the plan and the key of a request, from whatever the request carries (a user, an API key,
 * an address). Implementations must be thread-safe and must not throw.
 *
 * @param <R> the request type
 */
@FunctionalInterface
public interface TierResolver<R> {

    /**
     * Resolves a request.
     *
     * @param request the request
     * @return its plan and keys
     */
    TierKey resolve(R request);

    /**
     * A resolver that reads named attributes: the plan from {@code planAttribute} (else {@code
     * defaultPlan}), the key from the first present of {@code keyAttributes} as {@code
     * name:value}, else {@code "anonymous"}. For example, with {@code ("plan", "public",
     * List.of("user", "ip"))}, a request with {@code user=42, plan=premium} is {@code (premium,
     * user:42)} and one with only {@code ip=10.0.0.1} is {@code (public, ip:10.0.0.1)}.
     *
     * @param attribute reads an attribute of a request, or null if absent
     * @param planAttribute the attribute holding the plan's name
     * @param defaultPlan the plan of requests without one
     * @param keyAttributes the attributes that may identify the caller, in order of preference
     * @param <R> the request type
     * @return the resolver
     */
    static <R> TierResolver<R> byAttributes(
            BiFunction<R, String, @Nullable String> attribute,
            String planAttribute,
            String defaultPlan,
            List<String> keyAttributes) {
        List<String> names = List.copyOf(keyAttributes);
        return request -> {
            String plan = attribute.apply(request, planAttribute);
            if (plan == null || plan.isBlank()) {
                plan = defaultPlan;
            }
            for (String name : names) {
                String value = attribute.apply(request, name);
                if (value != null && !value.isBlank()) {
                    return TierKey.of(plan, name + ':' + value);
                }
            }
            return TierKey.of(plan, "anonymous");
        };
    }
}
