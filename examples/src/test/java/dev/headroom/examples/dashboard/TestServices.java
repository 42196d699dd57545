package dev.headroom.examples.dashboard;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Starts services for tests: a free port, a small data set, fast debounce; overrides on top. */
final class TestServices {

    private TestServices() {}

    static DashboardService start(String... overrides) throws IOException, SQLException {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("HTTP_THREADS", "16");
        env.put("DATA_ORGANIZATIONS", "3");
        env.put("TRUST_FORWARDED_FOR", "true");
        env.put("RECOMPUTE_DEBOUNCE_MS", "100");
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return DashboardService.start(DashboardSettings.fromEnvironment(env));
    }
}
