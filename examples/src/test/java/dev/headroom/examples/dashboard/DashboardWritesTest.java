package dev.headroom.examples.dashboard;

import static dev.headroom.examples.dashboard.DashboardReadsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.testsupport.Await;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DashboardWritesTest {

    private static DashboardService service;
    private static ServiceClient client;
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeAll
    static void start() throws Exception {
        service = TestServices.start();
        client = new ServiceClient(service.uri());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aWriteIsAcceptedAtOnceAndRecomputedOffTheRequestPath() throws Exception {
        ServiceCounters before = service.counters();
        String client1 = DemoData.clientId(1, 1, 1);

        ServiceClient.Response response =
                client.post("/api/daily-metrics", metric(client1, today, 8000), "X-Org-Id", "1");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().path("key").asText()).isEqualTo(client1 + ":" + today);
        assertThat(response.body().path("status").asText()).isEqualTo("PENDING");
        assertThat(response.body().path("recompute").asText()).isEqualTo("SCHEDULED");
        Await.until(
                "the recomputation ran", () -> service.counters().minus(before).recomputeRuns() == 1);
    }

    @Test
    void aBurstForOneClientAndDayRecomputesOnceWithTheLatestPayload() throws Exception {
        ServiceCounters before = service.counters();
        String client2 = DemoData.clientId(2, 1, 2);

        for (int i = 0; i < 20; i++) {
            ServiceClient.Response response =
                    client.post("/api/daily-metrics", metric(client2, today, 1000 + i), "X-Org-Id", "2");
            assertThat(response.status()).isEqualTo(202);
        }

        Await.until(
                "the burst's recomputation ran",
                () -> service.counters().recomputeBacklog() == 0
                        && service.counters().minus(before).recomputeRuns() >= 1);
        ServiceCounters burst = service.counters().minus(before);
        assertThat(burst.recomputeSubmitted()).isEqualTo(20);
        assertThat(burst.recomputeRuns()).isLessThanOrEqualTo(2);
        assertThat(burst.recomputeCoalesced()).isGreaterThanOrEqualTo(18);
    }

    @Test
    void badWritesAreNamedAndChangeNothing() throws Exception {
        long queries = service.counters().databaseQueries();
        String ok = DemoData.clientId(1, 1, 3);

        assertError(client.post("/api/daily-metrics", "{", "X-Org-Id", "1"), 400, "request body is not valid JSON");
        assertError(client.post("/api/daily-metrics", "[1]", "X-Org-Id", "1"), 400, "must be a JSON object");
        assertError(client.post("/api/daily-metrics", "", "X-Org-Id", "1"), 400, "request body is empty");
        assertError(
                client.post(
                        "/api/daily-metrics", metric(ok, today, 8000).replace("\"steps\":8000,", ""), "X-Org-Id", "1"),
                400,
                "steps is required");
        assertError(
                client.post("/api/daily-metrics", metric(ok, today, -1), "X-Org-Id", "1"),
                400,
                "steps must be between 0 and 200000, not -1");
        assertError(
                client.post("/api/daily-metrics", metric(ok, "2026-13-01", 8000), "X-Org-Id", "1"),
                400,
                "date must be an ISO date");
        assertError(
                client.post(
                        "/api/daily-metrics",
                        metric(ok, LocalDate.now(ZoneOffset.UTC).plusDays(2).toString(), 1),
                        "X-Org-Id",
                        "1"),
                400,
                "date must be within the last 365 days");
        assertError(
                client.post("/api/daily-metrics", metric("bad id!", today, 8000), "X-Org-Id", "1"),
                400,
                "clientId must be");
        assertError(
                client.post(
                        "/api/daily-metrics", metric(ok, today, 8000).replace("{", "{\"mood\":1,"), "X-Org-Id", "1"),
                400,
                "unknown field 'mood'");
        assertError(
                client.post(
                        "/api/daily-metrics",
                        "{\"clientId\":\"" + ok + "\",\"date\":\"" + today
                                + "\",\"steps\":\"many\",\"sleepMinutes\":1,\"restingHr\":50,\"hrv\":50}",
                        "X-Org-Id",
                        "1"),
                400,
                "steps must be an integer");
        assertError(client.send("GET", "/api/daily-metrics"), 405, "use POST");
        assertThat(service.counters().databaseQueries()).isEqualTo(queries);
    }

    @Test
    void anExportRunsInTheBackgroundAndReportsItsResult() throws Exception {
        ServiceClient.Response started =
                client.post("/api/dashboard/export", "{\"days\":30,\"format\":\"csv\"}", "X-Org-Id", "1");

        assertThat(started.status()).isEqualTo(202);
        String id = started.body().path("id").asText();
        assertThat(started.body().path("statusUrl").asText()).isEqualTo("/api/dashboard/export/" + id);
        Await.until("the export completed", () -> state(id).equals("COMPLETED"));
        ServiceClient.Response status = client.get("/api/dashboard/export/" + id, "X-Org-Id", "1");
        assertThat(status.body().path("progress").asInt()).isEqualTo(100);
        assertThat(status.body().path("failedAttempts").asInt()).isZero();
        assertThat(status.body().path("result").asText())
                .contains("orders-1-" + id + ".csv")
                .contains(" orders)");
    }

    @Test
    void badExportsAreNamed() throws Exception {
        assertError(client.post("/api/dashboard/export", "{}"), 400, "X-Org-Id header is required");
        assertError(
                client.post("/api/dashboard/export", "{\"days\":0}", "X-Org-Id", "1"),
                400,
                "days must be an integer between 1 and 365");
        assertError(
                client.post("/api/dashboard/export", "{\"format\":\"xml\"}", "X-Org-Id", "1"),
                400,
                "format must be \"csv\"");
        assertError(
                client.post("/api/dashboard/export", "{\"where\":1}", "X-Org-Id", "1"), 400, "unknown field 'where'");
        assertError(client.get("/api/dashboard/export/no-such-job", "X-Org-Id", "1"), 404, "no export no-such-job");
        assertError(client.get("/api/dashboard/export/bad%20id", "X-Org-Id", "1"), 400, "export id must be");
    }

    private static String state(String id) {
        try {
            return client.get("/api/dashboard/export/" + id, "X-Org-Id", "1")
                    .body()
                    .path("state")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String metric(String clientId, String date, int steps) {
        return "{\"clientId\":\"" + clientId + "\",\"date\":\"" + date + "\",\"steps\":" + steps
                + ",\"sleepMinutes\":420,\"restingHr\":55,\"hrv\":60}";
    }
}
