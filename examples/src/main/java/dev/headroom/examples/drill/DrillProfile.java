package dev.headroom.examples.drill;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How hard and how long each step of the drill pushes: concurrent connections and the length of a
 * step. The named profiles follow the playbooks' rollout: a quick smoke run, a baseline at the
 * load the service is sized for, a stress run well past it, a short spike, and a long soak.
 *
 * @param name the profile's name
 * @param connections concurrent connections, each sending its next request when the last answers
 * @param stepDuration how long each step runs
 */
public record DrillProfile(String name, int connections, Duration stepDuration) {

    /** The profiles by name. */
    public static final Map<String, DrillProfile> NAMED = Map.of(
            "smoke", new DrillProfile("smoke", 8, Duration.ofSeconds(5)),
            "baseline", new DrillProfile("baseline", 40, Duration.ofSeconds(15)),
            "stress", new DrillProfile("stress", 200, Duration.ofSeconds(30)),
            "spike", new DrillProfile("spike", 400, Duration.ofSeconds(10)),
            "soak", new DrillProfile("soak", 40, Duration.ofMinutes(5)));

    /**
     * Validates the profile.
     *
     * @param name the profile's name
     * @param connections concurrent connections, 2 to 10,000
     * @param stepDuration how long each step runs, at least 500 ms
     * @throws IllegalArgumentException if there are no connections or the steps are too short
     */
    public DrillProfile {
        if (connections < 2 || connections > 10_000) {
            throw new IllegalArgumentException("connections must be between 2 and 10000, not " + connections);
        }
        if (stepDuration.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException("a step must last at least 500 ms, not " + stepDuration);
        }
    }

    /**
     * Reads a profile: {@code DRILL_PROFILE} (default {@code smoke}), with {@code
     * DRILL_CONNECTIONS} and {@code DRILL_STEP_SECONDS} overriding its figures.
     *
     * @param settings environment variables or system properties
     * @return the profile
     * @throws IllegalArgumentException naming an unknown profile or a malformed number
     */
    public static DrillProfile from(Map<String, String> settings) {
        String name = settings.getOrDefault("DRILL_PROFILE", "smoke").trim().toLowerCase(Locale.ROOT);
        DrillProfile named = NAMED.get(name);
        if (named == null) {
            throw new IllegalArgumentException("DRILL_PROFILE must be one of "
                    + Arrays.stream(NAMED.keySet().toArray(String[]::new))
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ", not '" + name + "'");
        }
        int connections = integer(settings, "DRILL_CONNECTIONS", named.connections());
        int seconds = integer(
                settings, "DRILL_STEP_SECONDS", (int) named.stepDuration().toSeconds());
        return new DrillProfile(name, connections, Duration.ofSeconds(seconds));
    }

    private static int integer(Map<String, String> settings, String name, int defaultValue) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'", e);
        }
    }
}
