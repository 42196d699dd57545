package dev.headroom.ratelimit;

import dev.headroom.breaker.CircuitBreaker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules of an {@link AbuseGuard}: a short-window rate per client and escalating temporary bans.
 * A client that makes more than {@link #limit()} requests within one {@link #window()} is banned for
 * {@link #firstBan()}; each further offence within {@link #offenceMemory()} multiplies the ban by
 * {@link #banMultiplier()}, up to {@link #maxBan()}. On Redis, {@link #failurePolicy()} says what
 * answers while Redis is unavailable. Immutable; {@link #ofDefaults()}, or {@link #builder()} and
 * {@link #toBuilder()}.
 */
public final class AbuseGuardConfig {

    /** The default requests per window: {@value}. */
    public static final long DEFAULT_LIMIT = 100;

    /** The default window: ten seconds. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    /** The default first ban: one minute. */
    public static final Duration DEFAULT_FIRST_BAN = Duration.ofMinutes(1);

    /** The default factor by which each repeat offence lengthens the ban: {@value}. */
    public static final double DEFAULT_BAN_MULTIPLIER = 4.0;

    /** The default longest ban: one day. */
    public static final Duration DEFAULT_MAX_BAN = Duration.ofDays(1);

    /** The default time an offence is remembered: one day. */
    public static final Duration DEFAULT_OFFENCE_MEMORY = Duration.ofDays(1);

    /** The default bound on clients tracked in memory: {@value}. */
    public static final int DEFAULT_MAX_CLIENTS = 1_000_000;

    /**
     * The default failure policy of a Redis guard: the instance's own in-memory guard, with the whole
     * limit, answers while Redis is away, remembering the bans Redis reported.
     */
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.localFallback(1);

    private static final AbuseGuardConfig DEFAULTS = builder().build();

    private final long limit;
    private final Duration window;
    private final Duration firstBan;
    private final double banMultiplier;
    private final Duration maxBan;
    private final Duration offenceMemory;
    private final AddressAllowlist allowlist;
    private final int maxClients;
    private final FailurePolicy failurePolicy;
    private final @Nullable CircuitBreaker redisBreaker;

    private AbuseGuardConfig(Builder b) {
        this.limit = b.limit;
        this.window = b.window;
        this.firstBan = b.firstBan;
        this.banMultiplier = b.banMultiplier;
        this.maxBan = b.maxBan;
        this.offenceMemory = b.offenceMemory;
        this.allowlist = b.allowlist;
        this.maxClients = b.maxClients;
        this.failurePolicy = b.failurePolicy;
        this.redisBreaker = b.redisBreaker;
    }

    /**
     * Returns the defaults: {@link #DEFAULT_LIMIT} requests per {@link #DEFAULT_WINDOW}, bans from
     * {@link #DEFAULT_FIRST_BAN} growing by {@link #DEFAULT_BAN_MULTIPLIER} up to {@link
     * #DEFAULT_MAX_BAN}, {@link #DEFAULT_OFFENCE_MEMORY}, no allowlist, {@link #DEFAULT_MAX_CLIENTS}
     * and {@link #DEFAULT_FAILURE_POLICY}.
     *
     * @return the default configuration
     */
    public static AbuseGuardConfig ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder starting from this configuration.
     *
     * @return a new builder with this configuration's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the most requests per window before a ban.
     *
     * @return at least 1; default {@link #DEFAULT_LIMIT}
     */
    public long limit() {
        return limit;
    }

    /**
     * Returns the short window.
     *
     * @return at least one millisecond; default {@link #DEFAULT_WINDOW}
     */
    public Duration window() {
        return window;
    }

    /**
     * Returns the first ban's length.
     *
     * @return at least one millisecond; default {@link #DEFAULT_FIRST_BAN}
     */
    public Duration firstBan() {
        return firstBan;
    }

    /**
     * Returns the factor applied per repeat offence.
     *
     * @return at least 1; default {@link #DEFAULT_BAN_MULTIPLIER}
     */
    public double banMultiplier() {
        return banMultiplier;
    }

    /**
     * Returns the longest ban.
     *
     * @return at least {@link #firstBan()}; default {@link #DEFAULT_MAX_BAN}
     */
    public Duration maxBan() {
        return maxBan;
    }

    /**
     * Returns how long an offence counts towards longer bans.
     *
     * @return at least one millisecond; default {@link #DEFAULT_OFFENCE_MEMORY}
     */
    public Duration offenceMemory() {
        return offenceMemory;
    }

    /**
     * Returns the addresses never limited.
     *
     * @return the allowlist; default empty
     */
    public AddressAllowlist allowlist() {
        return allowlist;
    }

    /**
     * Returns the most clients an in-memory guard (or a Redis guard's local fallback) tracks; past
     * it, new clients pass uncounted.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_CLIENTS}
     */
    public int maxClients() {
        return maxClients;
    }

    /**
     * Returns what a Redis guard answers while Redis is unavailable: every check allowed ({@link
     * FailurePolicy#failOpen()}), every check denied ({@link FailurePolicy#failClosed()}), or the
     * instance's own in-memory guard with its share of {@link #limit()} ({@link
     * FailurePolicy#localFallback(int)}). An in-memory guard has no use for it.
     *
     * @return the policy; default {@link #DEFAULT_FAILURE_POLICY}
     */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /**
     * Returns the breaker that guards the Redis calls of a Redis component made with this
     * configuration, if one was given, for instance to share one breaker among every component on
     * one Redis. Without one, each Redis component makes its own, named {@code
     * redis:<component>:<name>}, with {@link dev.headroom.breaker.CircuitBreakerConfig#DEFAULT_REDIS_BREAKER}.
     * An in-memory component has no use for it.
     *
     * @return the breaker given to the builder, or empty
     */
    public Optional<CircuitBreaker> redisBreaker() {
        return Optional.ofNullable(redisBreaker);
    }

    /**
     * Returns the ban for the given offence: {@code firstBan x multiplier^(offences - 1)}, at most
     * {@link #maxBan()}.
     *
     * @param offences the offence's number, at least 1
     * @return the ban's length
     */
    public Duration banFor(int offences) {
        double millis = firstBan.toMillis() * Math.pow(banMultiplier, Math.max(0, offences - 1));
        return millis >= maxBan.toMillis() ? maxBan : Duration.ofMillis((long) millis);
    }

    @Override
    public String toString() {
        return "AbuseGuardConfig{" + limit + " per " + window + ", ban " + firstBan + " x" + banMultiplier + " up to "
                + maxBan + ", memory " + offenceMemory + ", " + allowlist + ", maxClients=" + maxClients + ", "
                + failurePolicy + '}';
    }

    /** Builds an {@link AbuseGuardConfig}; setters validate at once, {@link #build()} across settings. */
    public static final class Builder {
        private long limit = DEFAULT_LIMIT;
        private Duration window = DEFAULT_WINDOW;
        private Duration firstBan = DEFAULT_FIRST_BAN;
        private double banMultiplier = DEFAULT_BAN_MULTIPLIER;
        private Duration maxBan = DEFAULT_MAX_BAN;
        private Duration offenceMemory = DEFAULT_OFFENCE_MEMORY;
        private AddressAllowlist allowlist = AddressAllowlist.empty();
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private FailurePolicy failurePolicy = DEFAULT_FAILURE_POLICY;
        private @Nullable CircuitBreaker redisBreaker;

        private Builder() {}

        private Builder(AbuseGuardConfig from) {
            this.limit = from.limit;
            this.window = from.window;
            this.firstBan = from.firstBan;
            this.banMultiplier = from.banMultiplier;
            this.maxBan = from.maxBan;
            this.offenceMemory = from.offenceMemory;
            this.allowlist = from.allowlist;
            this.maxClients = from.maxClients;
            this.failurePolicy = from.failurePolicy;
            this.redisBreaker = from.redisBreaker;
        }

        /**
         * Sets the most requests per window before a ban. Default {@link #DEFAULT_LIMIT}.
         *
         * @param limit at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code limit} is less than 1
         */
        public Builder limit(long limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * Sets the short window. Default {@link #DEFAULT_WINDOW}.
         *
         * @param window at least one millisecond
         * @return this builder
         * @throws IllegalArgumentException if {@code window} is shorter
         */
        public Builder window(Duration window) {
            this.window = requireMillis("window", window);
            return this;
        }

        /**
         * Sets the first ban's length. Default {@link #DEFAULT_FIRST_BAN}.
         *
         * @param firstBan at least one millisecond, at most {@link #maxBan(Duration)}
         * @return this builder
         * @throws IllegalArgumentException if {@code firstBan} is shorter
         */
        public Builder firstBan(Duration firstBan) {
            this.firstBan = requireMillis("firstBan", firstBan);
            return this;
        }

        /**
         * Sets the factor by which each repeat offence lengthens the ban. Default {@link
         * #DEFAULT_BAN_MULTIPLIER}.
         *
         * @param banMultiplier at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code banMultiplier} is less than 1 or not a number
         */
        public Builder banMultiplier(double banMultiplier) {
            if (!(banMultiplier >= 1)) {
                throw new IllegalArgumentException("banMultiplier must be at least 1: " + banMultiplier);
            }
            this.banMultiplier = banMultiplier;
            return this;
        }

        /**
         * Sets the longest ban. Default {@link #DEFAULT_MAX_BAN}.
         *
         * @param maxBan at least one millisecond, at least {@link #firstBan(Duration)}
         * @return this builder
         * @throws IllegalArgumentException if {@code maxBan} is shorter than a millisecond
         */
        public Builder maxBan(Duration maxBan) {
            this.maxBan = requireMillis("maxBan", maxBan);
            return this;
        }

        /**
         * Sets how long offences are remembered. Default {@link #DEFAULT_OFFENCE_MEMORY}.
         *
         * @param offenceMemory at least one millisecond
         * @return this builder
         * @throws IllegalArgumentException if {@code offenceMemory} is shorter
         */
        public Builder offenceMemory(Duration offenceMemory) {
            this.offenceMemory = requireMillis("offenceMemory", offenceMemory);
            return this;
        }

        /**
         * Sets the allowlist. Default empty.
         *
         * @param allowlist addresses never limited
         * @return this builder
         */
        public Builder allowlist(AddressAllowlist allowlist) {
            this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
            return this;
        }

        /**
         * Sets the most clients tracked in memory. Default {@link #DEFAULT_MAX_CLIENTS}.
         *
         * @param maxClients at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxClients} is less than 1
         */
        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients must be at least 1: " + maxClients);
            }
            this.maxClients = maxClients;
            return this;
        }

        /**
         * Sets the breaker that guards Redis calls. Default: a breaker of each component's own.
         *
         * @param redisBreaker the breaker, for instance shared with a cache on the same Redis
         * @return this builder
         */
        public Builder redisBreaker(CircuitBreaker redisBreaker) {
            this.redisBreaker = Objects.requireNonNull(redisBreaker, "redisBreaker");
            return this;
        }

        /**
         * Sets what a Redis guard answers while Redis is unavailable. Default {@link
         * #DEFAULT_FAILURE_POLICY}.
         *
         * @param failurePolicy the policy
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the longest ban is shorter than the first
         */
        public AbuseGuardConfig build() {
            if (maxBan.compareTo(firstBan) < 0) {
                throw new IllegalArgumentException("maxBan must be at least firstBan " + firstBan + ": " + maxBan);
            }
            return new AbuseGuardConfig(this);
        }

        private static Duration requireMillis(String what, Duration value) {
            if (value.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms: " + value);
            }
            return value;
        }
    }
}
