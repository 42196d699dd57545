package dev.headroom.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.headroom.testsupport.Await;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The service on PostgreSQL: the schema, the generated data, every query, the upsert and the
 * export, in a database created for the test and dropped after it. The server is the one {@code
 * HEADROOM_TEST_POSTGRES} names (a JDBC URL to a database the test may create databases from),
 * else PostgreSQL on 127.0.0.1:5432 as user {@code postgres}; without one, the test is skipped,
 * saying so: PostgreSQL is an option of the example, and H2 covers every other test.
 */
class PostgresDashboardIT {

    private static final String SERVER = System.getenv()
            .getOrDefault("HEADROOM_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    @Test
    void theDashboardRunsOnPostgres() throws Exception {
        String database = "headroom_it_" + UUID.randomUUID().toString().replace("-", "");
        assumeTrue(execute("CREATE DATABASE " + database) == null, () -> "no PostgreSQL at " + SERVER);
        try {
            String url = SERVER.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
            try (DashboardService service = TestServices.start("DATABASE_URL", url)) {
                ServiceClient client = new ServiceClient(service.uri());

                assertThat(client.get("/api/dashboard/analytics?days=30", "X-Org-Id", "1")
                                .body()
                                .path("kpis")
                                .path("orders")
                                .asLong())
                        .isPositive();
                assertThat(client.get("/api/dashboard/command-center", "X-Org-Id", "1")
                                .body()
                                .path("recentOrders")
                                .size())
                        .isEqualTo(10);
                assertThat(client.get("/api/teams/" + DemoData.teamId(1, 1) + "/dashboard")
                                .body()
                                .path("members")
                                .asInt())
                        .isEqualTo(DemoData.MEMBERS_PER_TEAM);
                String metric = "{\"clientId\":\"client-1-1-1\",\"date\":\"" + LocalDate.now(ZoneOffset.UTC)
                        + "\",\"steps\":8000,\"sleepMinutes\":420,\"restingHr\":55,\"hrv\":60}";
                assertThat(client.post("/api/daily-metrics", metric, "X-Org-Id", "1")
                                .status())
                        .isEqualTo(202);
                Await.until("the recomputation ran", () -> service.counters().recomputeRuns() == 1);
                String id = client.post("/api/dashboard/export", "{\"days\":30}", "X-Org-Id", "1")
                        .body()
                        .path("id")
                        .asText();
                Await.until(
                        "the export completed", () -> exportState(client, id).equals("COMPLETED"));
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static String exportState(ServiceClient client, String id) {
        try {
            return client.get("/api/dashboard/export/" + id)
                    .body()
                    .path("state")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on the server; returns the failure, or null. */
    private static @Nullable SQLException execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
