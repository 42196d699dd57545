package dev.headroom.examples.dashboard;

import static dev.headroom.examples.dashboard.DashboardReadsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectionTest {

    @Test
    void aUserPastTheirPlansRateGets429WithTheRateLimitHeaders() throws Exception {
        try (DashboardService service = TestServices.start("USER_RATE", "2", "ABUSE_LIMIT", "1000")) {
            ServiceClient client = new ServiceClient(service.uri());
            String[] user = {"X-Org-Id", "1", "X-User-Id", "eve", "X-Forwarded-For", "10.9.9.9"};

            List<ServiceClient.Response> responses = new ArrayList<>();
            do {
                responses.add(client.get("/api/dashboard/analytics", user));
            } while (responses.get(responses.size() - 1).status() == 200 && responses.size() < 20);
            ServiceClient.Response refused = responses.get(responses.size() - 1);

            // authenticated plan: 2 x USER_RATE per second with a burst of twice that
            assertThat(responses.size() - 1).isBetween(8, 10);
            assertError(refused, 429, "rate limit 'user' of plan authenticated exceeded");
            assertThat(refused.header("Retry-After")).isNotEmpty();
            assertThat(refused.header("RateLimit-Policy")).contains("user");
            assertThat(refused.header("RateLimit")).isNotEmpty();
            ServiceClient.Response otherUser = client.get(
                    "/api/dashboard/analytics", "X-Org-Id", "1", "X-User-Id", "bob", "X-Forwarded-For", "10.9.9.8");
            assertThat(otherUser.status()).isEqualTo(200);
        }
    }

    @Test
    void anAbusiveAddressIsBannedWhileOthersAreServed() throws Exception {
        try (DashboardService service = TestServices.start("ABUSE_LIMIT", "30", "USER_RATE", "1000")) {
            ServiceClient client = new ServiceClient(service.uri());

            for (int i = 0; i < 30; i++) {
                assertThat(client.get("/health").status()).isEqualTo(200); // never counted
                client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-Forwarded-For", "203.0.113.9");
            }
            ServiceClient.Response banned =
                    client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-Forwarded-For", "203.0.113.9");

            assertError(banned, 429, "client address is banned for 60 s");
            assertThat(banned.header("Retry-After")).isEqualTo("60");
            assertThat(service.counters().bans()).isEqualTo(1);
            assertThat(client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-Forwarded-For", "203.0.113.10")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void forwardedForIsIgnoredUnlessTrusted() throws Exception {
        try (DashboardService service = TestServices.start("TRUST_FORWARDED_FOR", "false", "ABUSE_LIMIT", "5")) {
            ServiceClient client = new ServiceClient(service.uri());

            for (int i = 0; i < 5; i++) {
                client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-Forwarded-For", "10.0.0." + i);
            }

            assertError(
                    client.get("/api/dashboard/analytics", "X-Org-Id", "1", "X-Forwarded-For", "10.0.0.99"),
                    429,
                    "client address is banned");
        }
    }
}
