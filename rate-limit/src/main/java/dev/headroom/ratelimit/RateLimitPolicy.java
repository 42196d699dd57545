package dev.headroom.ratelimit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link RateLimiter} enforces: a name and one or more scopes, each with one or more {@link
 * Limit}s. A decision names one key per scope, in order, and consumes from every limit of every
 * scope, or from none.
 *
 * <p>One scope covers the common case, several limits on one key (10 per second and 1000 per hour
 * for a user). Several scopes decide for several keys at once, such as an organization's limit and
 * its user's: {@code builder("api").scope("org", orgLimit).scope("user", perSecond, perHour)}, then
 * {@code tryAcquire(List.of(orgId, userId), 1)}.
 *
 * <p><b>Redis and hash tags.</b> On Redis every key of one decision lives under the hash tag of the
 * decision's <em>first</em> key, so a decision is one script on one Redis Cluster node. Put the
 * coarsest key first (the organization before the user): a user's state is then stored per
 * organization, which is exact as long as a user belongs to one organization. The API enforces
 * this layout; no decision can span two slots. Immutable.
 */
public final class RateLimitPolicy {

    private final String name;
    private final List<Scope> scopes;

    private RateLimitPolicy(String name, List<Scope> scopes) {
        this.name = name;
        this.scopes = List.copyOf(scopes);
    }

    /**
     * A policy of one scope, named {@code "key"}, with the given limits.
     *
     * @param name the policy's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param limits one or more limits with distinct names
     * @return the policy
     * @throws IllegalArgumentException if the name is malformed, no limit is given or two limits share
     *     a name
     */
    public static RateLimitPolicy of(String name, Limit... limits) {
        return builder(name).scope("key", limits).build();
    }

    /**
     * Returns a builder for a policy of one or more scopes.
     *
     * @param name the policy's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @return a new builder
     * @throws IllegalArgumentException if the name is malformed
     */
    public static Builder builder(String name) {
        return new Builder(Limit.requireName(name));
    }

    /**
     * Returns the policy's name, which the {@code RateLimit-Policy} header and Redis keys carry.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the scopes, in the order a decision gives their keys.
     *
     * @return an immutable list of at least one scope
     */
    public List<Scope> scopes() {
        return scopes;
    }

    /**
     * Returns a policy with the same name and scopes and new limits for the scope named {@code
     * scope}.
     *
     * @param scope the scope's name
     * @param limits one or more limits with distinct names
     * @return the new policy
     * @throws IllegalArgumentException if there is no such scope or the limits are invalid
     */
    public RateLimitPolicy withLimits(String scope, List<Limit> limits) {
        List<Scope> changed = new ArrayList<>(scopes.size());
        boolean found = false;
        for (Scope s : scopes) {
            if (s.name().equals(scope)) {
                changed.add(new Scope(scope, limits));
                found = true;
            } else {
                changed.add(s);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("policy '" + name + "' has no scope '" + scope + "'");
        }
        return new RateLimitPolicy(name, changed);
    }

    /**
     * Returns this policy with every limit passed through {@link Limit#scaled(double)}.
     *
     * @param share a fraction in {@code (0, 1]}
     * @return the scaled policy
     * @throws IllegalArgumentException if {@code share} is out of range
     */
    public RateLimitPolicy scaled(double share) {
        List<Scope> changed = new ArrayList<>(scopes.size());
        for (Scope s : scopes) {
            changed.add(new Scope(
                    s.name(), s.limits().stream().map(l -> l.scaled(share)).toList()));
        }
        return new RateLimitPolicy(name, changed);
    }

    /**
     * Says whether {@code other} has the same name and scope names, so that a limiter may switch to
     * it and keep its state.
     *
     * @param other another policy
     * @return true if the names match scope for scope
     */
    public boolean isCompatibleWith(RateLimitPolicy other) {
        if (!name.equals(other.name) || scopes.size() != other.scopes.size()) {
            return false;
        }
        for (int i = 0; i < scopes.size(); i++) {
            if (!scopes.get(i).name().equals(other.scopes.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateLimitPolicy that && name.equals(that.name) && scopes.equals(that.scopes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + scopes.hashCode();
    }

    @Override
    public String toString() {
        return "RateLimitPolicy{" + name + ", " + scopes + '}';
    }

    /**
     * One scope of a policy: the limits that apply to one key of a decision.
     *
     * @param name the scope's name, such as {@code "org"} or {@code "user"}
     * @param limits one or more limits with distinct names
     */
    public record Scope(String name, List<Limit> limits) {

        /**
         * Validates and copies.
         *
         * @param name the scope's name: 1 to 64 of {@code [A-Za-z0-9._-]}
         * @param limits one or more limits with distinct names
         * @throws IllegalArgumentException if the name is malformed, the list is empty or two limits
         *     share a name
         */
        public Scope {
            Limit.requireName(name);
            limits = List.copyOf(limits);
            if (limits.isEmpty()) {
                throw new IllegalArgumentException("scope '" + name + "' needs at least one limit");
            }
            Set<String> names = new HashSet<>();
            for (Limit limit : limits) {
                if (!names.add(limit.name())) {
                    throw new IllegalArgumentException(
                            "scope '" + name + "' has two limits named '" + limit.name() + "'");
                }
            }
        }
    }

    /** Builds a {@link RateLimitPolicy}; scopes are added in the order decisions give their keys. */
    public static final class Builder {
        private final String name;
        private final List<Scope> scopes = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a scope.
         *
         * @param scope the scope's name, distinct within the policy
         * @param limits one or more limits with distinct names
         * @return this builder
         * @throws IllegalArgumentException if the scope is invalid or its name is taken
         */
        public Builder scope(String scope, Limit... limits) {
            for (Scope existing : scopes) {
                if (existing.name().equals(scope)) {
                    throw new IllegalArgumentException("policy '" + name + "' already has a scope '" + scope + "'");
                }
            }
            scopes.add(new Scope(scope, List.of(limits)));
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if no scope was added
         */
        public RateLimitPolicy build() {
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException("policy '" + name + "' needs at least one scope");
            }
            return new RateLimitPolicy(name, scopes);
        }
    }
}
