package dev.headroom.examples.drill;

import dev.headroom.examples.dashboard.DemoData;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The traffic of each step. Normal clients are many users spread over the organizations, each with
 * an address of its own (sent as {@code X-Forwarded-For}, which the drill's service trusts), so no
 * normal user comes near a rate limit: they are what a healthy dashboard fleet sends. The abusive
 * client is one user at one address, on as many connections as it can get.
 */
final class DrillPlans {

    static final String NORMAL = "normal";
    static final String ABUSIVE = "abusive";
    private static final int USERS = 2_000;
    private static final int[] DAYS = {7, 30, 90};

    private final int organizations;
    /** Fresh for every drill, so bans and offences left in a shared Redis by an earlier run do not count. */
    private final String abusiveAddress =
            "203.0.113." + (1 + ThreadLocalRandom.current().nextInt(254));

    DrillPlans(int organizations) {
        this.organizations = organizations;
    }

    /** Dashboard reads: analytics 45%, command center 35%, team dashboards 20%. */
    RequestPlan dashboards() {
        return (connection, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int user = random.nextInt(USERS);
            int organization = 1 + user % organizations;
            int pick = random.nextInt(100);
            DrillRequest request;
            if (pick < 45) {
                request = DrillRequest.get(
                        "analytics", "/api/dashboard/analytics?days=" + DAYS[random.nextInt(DAYS.length)], NORMAL);
            } else if (pick < 80) {
                request = DrillRequest.get("command-center", "/api/dashboard/command-center", NORMAL);
            } else {
                int team = DemoData.teamId(organization, 1 + random.nextInt(DemoData.TEAMS_PER_ORG));
                request = DrillRequest.get("team", "/api/teams/" + team + "/dashboard", NORMAL);
            }
            return asUser(request, user, organization);
        };
    }

    /** The first {@code abusiveConnections} connections hammer analytics as one client; the rest are normal. */
    RequestPlan withAbuser(RequestPlan normal, int abusiveConnections) {
        return (connection, sequence) -> {
            if (connection >= abusiveConnections) {
                return normal.next(connection, sequence);
            }
            return DrillRequest.get("analytics", "/api/dashboard/analytics?days=30", ABUSIVE)
                    .withHeader("X-User-Id", "scraper-" + abusiveAddress)
                    .withHeader("X-Org-Id", "1")
                    .withHeader("X-Forwarded-For", abusiveAddress);
        };
    }

    /**
     * Daily-metrics writes for today for one client of each organization: many writes per {@code
     * clientId:date}, alternating between two payloads, as devices that sync repeatedly do.
     */
    RequestPlan dailyMetricsBurst(LocalDate today) {
        return (connection, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int organization = 1 + random.nextInt(organizations);
            String client = DemoData.clientId(organization, 1, 1);
            String body = "{\"clientId\":\"" + client + "\",\"date\":\"" + today + "\",\"steps\":"
                    + (8_000 + 500 * random.nextInt(2)) + ",\"sleepMinutes\":420,\"restingHr\":55,\"hrv\":62}";
            // Written by any of the organization's users (coaches, devices), each from its own address.
            int user = organization - 1 + organizations * random.nextInt(USERS / organizations);
            return asUser(DrillRequest.post("daily-metrics", "/api/daily-metrics", body, NORMAL), user, organization);
        };
    }

    private static DrillRequest asUser(DrillRequest request, int user, int organization) {
        return request.withHeader("X-User-Id", "user-" + user)
                .withHeader("X-Org-Id", Integer.toString(organization))
                .withHeader(
                        "X-Forwarded-For", "10." + (user >> 16 & 255) + '.' + (user >> 8 & 255) + '.' + (user & 255));
    }
}
