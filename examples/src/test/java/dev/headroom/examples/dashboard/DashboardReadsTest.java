package dev.headroom.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardReadsTest {

    private static DashboardService service;
    private static ServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        service = TestServices.start();
        client = new ServiceClient(service.uri());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void reset() {
        service.databaseFaults().clear();
        service.setCacheEnabled(true);
        service.invalidateCaches();
    }

    @Test
    void analyticsIsLoadedOnceThenServedFromMemory() throws Exception {
        ServiceClient.Response first =
                client.get("/api/dashboard/analytics?days=30", "X-Org-Id", "1", "X-User-Id", "ada");
        long queries = service.counters().databaseQueries();
        ServiceClient.Response second =
                client.get("/api/dashboard/analytics?days=30", "X-Org-Id", "1", "X-User-Id", "ada");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-headroom-cache")).startsWith("MISS");
        assertThat(first.body().path("kpis").path("orders").asLong()).isPositive();
        assertThat(first.body().path("revenueByDay").size()).isBetween(1, 31);
        assertThat(first.body().path("topSuppliers").size()).isEqualTo(5);
        assertThat(second.header("x-headroom-cache")).isEqualTo("HIT:memory");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(service.counters().databaseQueries()).isEqualTo(queries);
        assertThat(first.header("RateLimit")).isNotEmpty();
    }

    @Test
    void withTheCacheOffEveryReadQueriesTheDatabase() throws Exception {
        service.setCacheEnabled(false);
        long before = service.counters().databaseQueries();

        ServiceClient.Response response = client.get("/api/dashboard/analytics", "X-Org-Id", "2");
        client.get("/api/dashboard/analytics", "X-Org-Id", "2");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-headroom-cache")).isEqualTo("BYPASS:off");
        assertThat(service.counters().databaseQueries() - before).isEqualTo(8);
    }

    @Test
    void commandCenterHasEveryWidget() throws Exception {
        ServiceClient.Response response = client.get("/api/dashboard/command-center", "X-Org-Id", "1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("summary").path("openOrders").asLong()).isPositive();
        assertThat(response.body().path("recentOrders").size()).isEqualTo(10);
        assertThat(response.body().path("supplierAlerts").size()).isEqualTo(3);
        assertThat(response.body().path("projectHealth").size()).isEqualTo(DemoData.PROJECTS_PER_ORG);
        assertThat(response.body().path("degradedWidgets").size()).isZero();
        assertThat(response.header("x-headroom-degraded")).isEmpty();
    }

    @Test
    void aFailingDatabaseGivesDegradedAnswersNot500s() throws Exception {
        service.databaseFaults().failing(true);
        long degradedBefore = service.counters().degradedAnswers();

        ServiceClient.Response analytics = client.get("/api/dashboard/analytics", "X-Org-Id", "1");
        ServiceClient.Response commandCenter = client.get("/api/dashboard/command-center", "X-Org-Id", "1");
        ServiceClient.Response team = client.get("/api/teams/101/dashboard", "X-Org-Id", "1");

        for (ServiceClient.Response response : new ServiceClient.Response[] {analytics, commandCenter, team}) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("x-headroom-degraded")).isEqualTo("database");
            assertThat(response.body().path("degraded").asBoolean()).isTrue();
        }
        assertThat(service.counters().degradedAnswers() - degradedBefore).isEqualTo(3);
    }

    @Test
    void aFailingDatabaseServesTheLastGoodPageWhileItIsStale() throws Exception {
        ServiceClient.Response fresh = client.get("/api/dashboard/command-center", "X-Org-Id", "3");
        service.databaseFaults().failing(true);

        ServiceClient.Response cached = client.get("/api/dashboard/command-center", "X-Org-Id", "3");

        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.body()).isEqualTo(fresh.body());
        assertThat(cached.header("x-headroom-degraded")).isEmpty();
    }

    @Test
    void aTeamDashboardIsTwoQueriesWhateverItsSize() throws Exception {
        service.setCacheEnabled(false);
        long before = service.counters().databaseQueries();

        ServiceClient.Response response =
                client.get("/api/teams/" + DemoData.teamId(1, 1) + "/dashboard", "X-Org-Id", "1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("members").asInt()).isEqualTo(DemoData.MEMBERS_PER_TEAM);
        assertThat(response.body().path("stats").size()).isEqualTo(DemoData.MEMBERS_PER_TEAM);
        assertThat(response.body().path("stats").get(0).path("checkIns").asLong())
                .isEqualTo(7);
        assertThat(service.counters().databaseQueries() - before).isEqualTo(2);
    }

    @Test
    void badReadsAreNamed() throws Exception {
        assertError(client.get("/api/dashboard/analytics"), 400, "X-Org-Id header is required");
        assertError(client.get("/api/dashboard/analytics", "X-Org-Id", "x"), 400, "X-Org-Id must be an integer");
        assertError(client.get("/api/dashboard/analytics", "X-Org-Id", "99"), 404, "no organization 99");
        assertError(client.get("/api/dashboard/analytics?days=abc", "X-Org-Id", "1"), 400, "days must be an integer");
        assertError(
                client.get("/api/dashboard/analytics?days=0", "X-Org-Id", "1"), 400, "days must be between 1 and 365");
        assertError(client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-User-Id", "a b"), 400, "X-User-Id");
        assertError(client.get("/api/teams/abc/dashboard"), 400, "team id must be an integer");
        assertError(client.get("/api/teams/999/dashboard"), 404, "no team 999");
        assertError(client.get("/api/nothing"), 404, "no route /api/nothing");
        assertError(client.send("DELETE", "/api/dashboard/analytics"), 405, "DELETE is not allowed here; use GET");
    }

    @Test
    void healthReportsEachDependency() throws Exception {
        ServiceClient.Response health = client.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(health.body().path("dependencies").path("database").asText()).isEqualTo("HEALTHY");
        assertThat(health.body().path("components").path("cache").asText()).isEqualTo("memory");
    }

    @Test
    void metricsHaveEveryModule() throws Exception {
        client.get("/api/dashboard/analytics", "X-Org-Id", "1");

        String metrics = client.text("/metrics");

        assertThat(metrics)
                .contains("headroom_cache_")
                .contains("headroom_ratelimit_decisions")
                .contains("headroom_abuse_checks")
                .contains("headroom_breaker_state{name=\"database\"")
                .contains("headroom_timelimiter_calls_total")
                .contains("headroom_bulkhead_in_flight")
                .contains("headroom_dependency_health")
                .contains("headroom_coalescing_submissions_total")
                .contains("headroom_jobs_queue_size")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes");
    }

    static void assertError(ServiceClient.Response response, int status, String message) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.body().path("error").asText()).contains(message);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
    }
}
