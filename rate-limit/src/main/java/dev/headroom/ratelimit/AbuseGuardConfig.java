package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * The rules of an {@link AbuseGuard}: a short-window rate per client and escalating temporary bans.
 * A client that makes more than {@link #limit()} requests within one {@link #window()} is banned for
 * {@link #firstBan()}; each further offence within {@link #offenceMemory()} multiplies the ban by
 * {@link #banMultiplier()}, up to {@link #maxBan()}. Immutable; built with {@link #builder(String)}.
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

    private final String name;
    private final long limit;
    private final Duration window;
    private final Duration firstBan;
    private final double banMultiplier;
    private final Duration maxBan;
    private final Duration offenceMemory;
    private final AddressAllowlist allowlist;
    private final int maxClients;

    private AbuseGuardConfig(Builder b) {
        this.name = b.name;
        this.limit = b.limit;
        this.window = b.window;
        this.firstBan = b.firstBan;
        this.banMultiplier = b.banMultiplier;
        this.maxBan = b.maxBan;
        this.offenceMemory = b.offenceMemory;
        this.allowlist = b.allowlist;
        this.maxClients = b.maxClients;
        if (maxBan.compareTo(firstBan) < 0) {
            throw new IllegalArgumentException("maxBan must be at least firstBan " + firstBan + ": " + maxBan);
        }
    }

    /**
     * Returns a builder with the defaults.
     *
     * @param name the guard's name, for Redis keys, metrics and logs: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @return a new builder
     * @throws IllegalArgumentException if the name is malformed
     */
    public static Builder builder(String name) {
        return new Builder(Limit.requireName(name));
    }

    /**
     * Returns the guard's name.
     *
     * @return the name
     */
    public String name() {
        return name;
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
     * @return positive; default {@link #DEFAULT_WINDOW}
     */
    public Duration window() {
        return window;
    }

    /**
     * Returns the first ban's length.
     *
     * @return positive; default {@link #DEFAULT_FIRST_BAN}
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
     * @return positive; default {@link #DEFAULT_OFFENCE_MEMORY}
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
     * Returns the most clients an in-memory guard tracks; past it, new clients pass uncounted.
     *
     * @return at least 1; default {@link #DEFAULT_MAX_CLIENTS}
     */
    public int maxClients() {
        return maxClients;
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
        return "AbuseGuardConfig{" + name + ", " + limit + " per " + window + ", ban " + firstBan + " x" + banMultiplier
                + " up to " + maxBan + ", memory " + offenceMemory + ", " + allowlist + '}';
    }

    /** Builds an {@link AbuseGuardConfig}; setters validate at once. */
    public static final class Builder {
        private final String name;
        private long limit = DEFAULT_LIMIT;
        private Duration window = DEFAULT_WINDOW;
        private Duration firstBan = DEFAULT_FIRST_BAN;
        private double banMultiplier = DEFAULT_BAN_MULTIPLIER;
        private Duration maxBan = DEFAULT_MAX_BAN;
        private Duration offenceMemory = DEFAULT_OFFENCE_MEMORY;
        private AddressAllowlist allowlist = AddressAllowlist.empty();
        private int maxClients = DEFAULT_MAX_CLIENTS;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the short-window rate. Defaults {@link #DEFAULT_LIMIT} per {@link #DEFAULT_WINDOW}.
         *
         * @param limit requests per window, at least 1
         * @param window the window, at least one millisecond
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder rate(long limit, Duration window) {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            this.limit = limit;
            this.window = requireMillis("window", window);
            return this;
        }

        /**
         * Sets the bans. Defaults {@link #DEFAULT_FIRST_BAN}, {@link #DEFAULT_BAN_MULTIPLIER}, {@link
         * #DEFAULT_MAX_BAN}.
         *
         * @param firstBan the first ban, at least one millisecond
         * @param multiplier the factor per repeat offence, at least 1
         * @param maxBan the longest ban, at least {@code firstBan}
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder bans(Duration firstBan, double multiplier, Duration maxBan) {
            if (!(multiplier >= 1)) {
                throw new IllegalArgumentException("banMultiplier must be at least 1: " + multiplier);
            }
            this.firstBan = requireMillis("firstBan", firstBan);
            this.banMultiplier = multiplier;
            this.maxBan = requireMillis("maxBan", maxBan);
            return this;
        }

        /**
         * Sets how long offences are remembered. Default {@link #DEFAULT_OFFENCE_MEMORY}.
         *
         * @param memory at least one millisecond
         * @return this builder
         * @throws IllegalArgumentException if {@code memory} is shorter
         */
        public Builder offenceMemory(Duration memory) {
            this.offenceMemory = requireMillis("offenceMemory", memory);
            return this;
        }

        /**
         * Sets the allowlist. Default empty.
         *
         * @param allowlist addresses never limited
         * @return this builder
         */
        public Builder allowlist(AddressAllowlist allowlist) {
            this.allowlist = allowlist;
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
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException if the longest ban is shorter than the first
         */
        public AbuseGuardConfig build() {
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
