package dev.headroom.examples.dashboard;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the dashboard service, read from environment variables (or a map standing in
 * for them). {@link #SETTINGS} lists each with its default and meaning; the README's settings table
 * is checked against it.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param httpThreads threads serving HTTP requests
 * @param databaseUrl a PostgreSQL URL ({@code postgres://user:pass@host:5432/db} or {@code
 *     jdbc:postgresql://...}); absent means the embedded H2 database
 * @param databasePoolSize connections in the HikariCP pool
 * @param databaseTimeout how long one database call may take before it is abandoned
 * @param organizations organizations in the generated demo data (each with projects, suppliers,
 *     orders and daily metrics)
 * @param redisUrl the Redis for the cache, limiters, bans and job queue; absent means the local tier
 *     and in-memory implementations only
 * @param cacheEnabled whether dashboard reads go through the cache
 * @param analyticsTtl how long an analytics answer is cached
 * @param commandCenterTtl how long a command-center answer is cached
 * @param userRatePerSecond requests per second a user may make on the public plan (premium gets
 *     four times as many); the burst is twice the rate
 * @param organizationRatePerSecond requests per second all users of one organization may make
 * @param abuseLimit requests one client address may make in {@code abuseWindow} before it is
 *     banned
 * @param abuseWindow the window of {@code abuseLimit}
 * @param firstBan how long a first offence bans an address; repeat offences ban four times longer
 * @param trustForwardedFor whether the client address is taken from {@code X-Forwarded-For} (only
 *     behind a proxy that sets it)
 * @param maxConcurrentRequests requests handled at once; more wait in a priority queue, and the
 *     lowest priority is shed first
 * @param recomputeDebounce how long a burst of daily-metrics writes for one {@code clientId:date} is
 *     collected before its one recomputation
 */
public record DashboardSettings(
        int port,
        int httpThreads,
        Optional<String> databaseUrl,
        int databasePoolSize,
        Duration databaseTimeout,
        int organizations,
        Optional<String> redisUrl,
        boolean cacheEnabled,
        Duration analyticsTtl,
        Duration commandCenterTtl,
        int userRatePerSecond,
        int organizationRatePerSecond,
        int abuseLimit,
        Duration abuseWindow,
        Duration firstBan,
        boolean trustForwardedFor,
        int maxConcurrentRequests,
        Duration recomputeDebounce) {

    /**
     * One setting: its environment variable, default and meaning.
     *
     * @param variable the environment variable
     * @param defaultValue its value when unset
     * @param meaning what it controls
     */
    public record Setting(String variable, String defaultValue, String meaning) {}

    /** Every setting, in the order the README lists them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("PORT", "8080", "HTTP port of the service (0 picks a free one)"),
            new Setting("HTTP_THREADS", "64", "threads serving HTTP requests"),
            new Setting("DATABASE_URL", "(unset: embedded H2)", "PostgreSQL URL, postgres://user:pass@host:5432/db"),
            new Setting("DB_POOL_SIZE", "10", "connections in the HikariCP pool"),
            new Setting("DB_TIMEOUT_MS", "1000", "time limit of one database call"),
            new Setting("DATA_ORGANIZATIONS", "20", "organizations in the generated demo data"),
            new Setting("REDIS_URL", "(unset: local tier only)", "Redis for cache, limits, bans and jobs"),
            new Setting("CACHE_ENABLED", "true", "whether dashboard reads go through the cache"),
            new Setting("ANALYTICS_TTL_S", "30", "seconds an analytics answer is cached"),
            new Setting("COMMAND_CENTER_TTL_S", "20", "seconds a command-center answer is cached"),
            new Setting("USER_RATE", "50", "requests/s per user on the public plan (premium: 4x), burst 2x"),
            new Setting("ORG_RATE", "400", "requests/s per organization, all its users together"),
            new Setting("ABUSE_LIMIT", "600", "requests per ABUSE_WINDOW_S from one address before a ban"),
            new Setting("ABUSE_WINDOW_S", "10", "window of ABUSE_LIMIT"),
            new Setting("FIRST_BAN_S", "60", "first ban of an address; each repeat offence bans 4x longer"),
            new Setting("TRUST_FORWARDED_FOR", "false", "take the client address from X-Forwarded-For"),
            new Setting("MAX_CONCURRENT_REQUESTS", "48", "requests handled at once; the rest queue by priority"),
            new Setting("RECOMPUTE_DEBOUNCE_MS", "3000", "debounce of daily-metrics recomputation per clientId:date"));

    /**
     * Validates the settings.
     *
     * @param port see the record's description
     * @param httpThreads see the record's description
     * @param databaseUrl see the record's description
     * @param databasePoolSize see the record's description
     * @param databaseTimeout see the record's description
     * @param organizations see the record's description
     * @param redisUrl see the record's description
     * @param cacheEnabled see the record's description
     * @param analyticsTtl see the record's description
     * @param commandCenterTtl see the record's description
     * @param userRatePerSecond see the record's description
     * @param organizationRatePerSecond see the record's description
     * @param abuseLimit see the record's description
     * @param abuseWindow see the record's description
     * @param firstBan see the record's description
     * @param trustForwardedFor see the record's description
     * @param maxConcurrentRequests see the record's description
     * @param recomputeDebounce see the record's description
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public DashboardSettings {
        requireRange("PORT", port, 0, 65_535);
        requireRange("HTTP_THREADS", httpThreads, 1, 10_000);
        requireRange("DB_POOL_SIZE", databasePoolSize, 1, 1_000);
        requirePositive("DB_TIMEOUT_MS", databaseTimeout);
        requireRange("DATA_ORGANIZATIONS", organizations, 1, 10_000);
        requirePositive("ANALYTICS_TTL_S", analyticsTtl);
        requirePositive("COMMAND_CENTER_TTL_S", commandCenterTtl);
        requireRange("USER_RATE", userRatePerSecond, 1, 1_000_000);
        requireRange("ORG_RATE", organizationRatePerSecond, 1, 1_000_000);
        requireRange("ABUSE_LIMIT", abuseLimit, 1, 1_000_000_000);
        requirePositive("ABUSE_WINDOW_S", abuseWindow);
        requirePositive("FIRST_BAN_S", firstBan);
        requireRange("MAX_CONCURRENT_REQUESTS", maxConcurrentRequests, 1, 100_000);
        requirePositive("RECOMPUTE_DEBOUNCE_MS", recomputeDebounce);
    }

    /**
     * Reads the settings from this process's environment.
     *
     * @return the settings
     * @throws IllegalArgumentException naming a variable whose value is malformed or out of range
     */
    public static DashboardSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the settings from a map of environment variables; unset ones take their defaults.
     *
     * @param environment variable names to values
     * @return the settings
     * @throws IllegalArgumentException naming a variable whose value is malformed or out of range
     */
    public static DashboardSettings fromEnvironment(Map<String, String> environment) {
        Function<String, @Nullable String> env = name -> {
            String value = environment.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new DashboardSettings(
                integer(env, "PORT", 8080),
                integer(env, "HTTP_THREADS", 64),
                Optional.ofNullable(env.apply("DATABASE_URL")),
                integer(env, "DB_POOL_SIZE", 10),
                Duration.ofMillis(integer(env, "DB_TIMEOUT_MS", 1000)),
                integer(env, "DATA_ORGANIZATIONS", 20),
                Optional.ofNullable(env.apply("REDIS_URL")),
                bool(env, "CACHE_ENABLED", true),
                Duration.ofSeconds(integer(env, "ANALYTICS_TTL_S", 30)),
                Duration.ofSeconds(integer(env, "COMMAND_CENTER_TTL_S", 20)),
                integer(env, "USER_RATE", 50),
                integer(env, "ORG_RATE", 400),
                integer(env, "ABUSE_LIMIT", 600),
                Duration.ofSeconds(integer(env, "ABUSE_WINDOW_S", 10)),
                Duration.ofSeconds(integer(env, "FIRST_BAN_S", 60)),
                bool(env, "TRUST_FORWARDED_FOR", false),
                integer(env, "MAX_CONCURRENT_REQUESTS", 48),
                Duration.ofMillis(integer(env, "RECOMPUTE_DEBOUNCE_MS", 3000)));
    }

    /**
     * Describes the settings in effect, with secrets in URLs redacted, for logs and reports.
     *
     * @return variable names to values, in {@link #SETTINGS} order
     */
    public Map<String, String> describe() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PORT", Integer.toString(port));
        values.put("HTTP_THREADS", Integer.toString(httpThreads));
        values.put("DATABASE_URL", databaseUrl.map(DashboardSettings::redact).orElse("(embedded H2)"));
        values.put("DB_POOL_SIZE", Integer.toString(databasePoolSize));
        values.put("DB_TIMEOUT_MS", Long.toString(databaseTimeout.toMillis()));
        values.put("DATA_ORGANIZATIONS", Integer.toString(organizations));
        values.put("REDIS_URL", redisUrl.map(DashboardSettings::redact).orElse("(local tier only)"));
        values.put("CACHE_ENABLED", Boolean.toString(cacheEnabled));
        values.put("ANALYTICS_TTL_S", Long.toString(analyticsTtl.toSeconds()));
        values.put("COMMAND_CENTER_TTL_S", Long.toString(commandCenterTtl.toSeconds()));
        values.put("USER_RATE", Integer.toString(userRatePerSecond));
        values.put("ORG_RATE", Integer.toString(organizationRatePerSecond));
        values.put("ABUSE_LIMIT", Integer.toString(abuseLimit));
        values.put("ABUSE_WINDOW_S", Long.toString(abuseWindow.toSeconds()));
        values.put("FIRST_BAN_S", Long.toString(firstBan.toSeconds()));
        values.put("TRUST_FORWARDED_FOR", Boolean.toString(trustForwardedFor));
        values.put("MAX_CONCURRENT_REQUESTS", Integer.toString(maxConcurrentRequests));
        values.put("RECOMPUTE_DEBOUNCE_MS", Long.toString(recomputeDebounce.toMillis()));
        return values;
    }

    /** Replaces the password of a {@code scheme://user:password@host} or JDBC URL with {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static int integer(Function<String, @Nullable String> env, String name, int defaultValue) {
        String value = env.apply(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'", e);
        }
    }

    private static boolean bool(Function<String, @Nullable String> env, String name, boolean defaultValue) {
        String value = env.apply(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
