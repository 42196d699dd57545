package dev.headroom.ratelimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits each request by its plan (public, authenticated, premium, ...): a {@link TierResolver}
 * names the plan and the key, and the plan's limiter decides. Each plan is a {@link
 * RateLimitPolicy} named after it, with a limiter from one {@link RateLimiterFactory}, in memory or
 * on Redis.
 *
 * <p>{@link #updatePlan(RateLimitPolicy)} changes a plan's limits while traffic flows, keeping every
 * key's state (see {@link RateLimiter#updatePolicy(RateLimitPolicy)}); {@link
 * #addPlan(RateLimitPolicy)} adds one. A request whose plan is unknown is limited by the default
 * plan, so a typo in a plan attribute never lifts a limit. Thread-safe.
 *
 * @param <R> the request type
 */
public final class TieredRateLimiter<R> {

    private final RateLimiterFactory factory;
    private final TierResolver<R> resolver;
    private final String defaultPlan;
    private final ConcurrentHashMap<String, RateLimiter> plans = new ConcurrentHashMap<>();
    private final RateLimiter defaultLimiter;

    private TieredRateLimiter(Builder<R> builder) {
        this.factory = builder.factory;
        this.resolver = builder.resolver;
        this.defaultPlan =
                builder.defaultPlan == null ? builder.plans.keySet().iterator().next() : builder.defaultPlan;
        for (RateLimitPolicy plan : builder.plans.values()) {
            plans.put(plan.name(), factory.limiter(plan));
        }
        RateLimiter fallback = plans.get(defaultPlan);
        if (fallback == null) {
            throw new IllegalArgumentException(
                    "defaultPlan '" + defaultPlan + "' is not one of the plans " + plans.keySet());
        }
        this.defaultLimiter = fallback;
    }

    /**
     * Returns a builder.
     *
     * @param factory where the plans' limiters are made
     * @param resolver finds a request's plan and key
     * @param <R> the request type
     * @return a new builder
     */
    public static <R> Builder<R> builder(RateLimiterFactory factory, TierResolver<R> resolver) {
        return new Builder<>(factory, resolver);
    }

    /**
     * Takes one permit for the request.
     *
     * @param request the request
     * @return the decision of its plan's limiter
     */
    public Decision tryAcquire(R request) {
        return tryAcquire(request, 1);
    }

    /**
     * Takes permits for the request; never throws for the state of the traffic or of Redis.
     *
     * @param request the request
     * @param permits how many; 0 peeks
     * @return the decision of its plan's limiter
     * @throws IllegalArgumentException if the resolver gives keys that do not fit the plan
     */
    public Decision tryAcquire(R request, int permits) {
        TierKey key = resolver.resolve(request);
        RateLimiter limiter = plans.get(key.plan());
        return (limiter == null ? defaultLimiter : limiter).tryAcquire(key.keys(), permits);
    }

    /**
     * Changes a plan's limits, keeping every key's state.
     *
     * @param plan the plan's new policy, with the name and scopes of the current one
     * @throws IllegalArgumentException if there is no such plan or the scopes differ
     */
    public void updatePlan(RateLimitPolicy plan) {
        RateLimiter limiter = plans.get(plan.name());
        if (limiter == null) {
            throw new IllegalArgumentException("no plan '" + plan.name() + "' among " + plans.keySet());
        }
        limiter.updatePolicy(plan);
    }

    /**
     * Adds a plan while traffic flows.
     *
     * @param plan the plan's policy
     * @throws IllegalArgumentException if a plan of that name exists
     */
    public void addPlan(RateLimitPolicy plan) {
        if (plans.putIfAbsent(plan.name(), factory.limiter(plan)) != null) {
            throw new IllegalArgumentException("plan '" + plan.name() + "' exists; use updatePlan");
        }
    }

    /**
     * Returns the plans' names.
     *
     * @return an unmodifiable view
     */
    public Set<String> plans() {
        return Collections.unmodifiableSet(plans.keySet());
    }

    /**
     * Returns the limiter of a plan, for its policy and statistics.
     *
     * @param plan the plan's name
     * @return the limiter
     * @throws IllegalArgumentException if there is no such plan
     */
    public RateLimiter limiter(String plan) {
        RateLimiter limiter = plans.get(plan);
        if (limiter == null) {
            throw new IllegalArgumentException("no plan '" + plan + "' among " + plans.keySet());
        }
        return limiter;
    }

    /**
     * Builds a {@link TieredRateLimiter}.
     *
     * @param <R> the request type
     */
    public static final class Builder<R> {
        private final RateLimiterFactory factory;
        private final TierResolver<R> resolver;
        private final Map<String, RateLimitPolicy> plans = new LinkedHashMap<>();
        private @org.jspecify.annotations.Nullable String defaultPlan;

        private Builder(RateLimiterFactory factory, TierResolver<R> resolver) {
            this.factory = factory;
            this.resolver = resolver;
        }

        /**
         * Adds a plan; the plan's name is its policy's name.
         *
         * @param plan the plan's policy
         * @return this builder
         * @throws IllegalArgumentException if a plan of that name was added
         */
        public Builder<R> plan(RateLimitPolicy plan) {
            if (plans.putIfAbsent(plan.name(), plan) != null) {
                throw new IllegalArgumentException("plan '" + plan.name() + "' was already added");
            }
            return this;
        }

        /**
         * Sets the plan of requests whose plan is unknown. Default: the first plan added.
         *
         * @param plan a plan's name
         * @return this builder
         */
        public Builder<R> defaultPlan(String plan) {
            this.defaultPlan = plan;
            return this;
        }

        /**
         * Builds the limiter.
         *
         * @return the tiered limiter
         * @throws IllegalArgumentException if no plan was added or the default plan is unknown
         */
        public TieredRateLimiter<R> build() {
            if (plans.isEmpty()) {
                throw new IllegalArgumentException("a tiered limiter needs at least one plan");
            }
            return new TieredRateLimiter<>(this);
        }
    }
}
