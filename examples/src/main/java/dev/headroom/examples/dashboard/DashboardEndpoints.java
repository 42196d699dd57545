package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.breaker.Dependency;
import dev.headroom.examples.dashboard.DashboardQueries.ProjectHealth;
import dev.headroom.examples.dashboard.DashboardQueries.RecentOrder;
import dev.headroom.examples.dashboard.DashboardQueries.SupplierTotal;
import dev.headroom.examples.dashboard.DashboardQueries.TeamDashboard;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read endpoints: analytics (cached for {@code ANALYTICS_TTL_S}), the command center (cached
 * for {@code COMMAND_CENTER_TTL_S}) whose non-critical widgets degrade one by one, and a team's
 * dashboard in two grouped queries.
 */
final class DashboardEndpoints {

    private final Database database;
    private final CachedPages pages;
    private final DashboardSettings settings;
    private final Clock clock;

    DashboardEndpoints(Database database, CachedPages pages, DashboardSettings settings, Clock clock) {
        this.database = database;
        this.pages = pages;
        this.settings = settings;
        this.clock = clock;
    }

    /** {@code GET /api/dashboard/analytics?days=30} with {@code X-Org-Id}. */
    void analytics(HttpExchange exchange, RequestContext context) throws IOException {
        int organization = context.requireOrganization();
        int days = HttpExchanges.intParameter(HttpExchanges.queryParameters(exchange), "days", 30, 1, 365);
        pages.serve(
                exchange,
                "analytics:" + organization + ':' + days,
                settings.analyticsTtl(),
                () -> HttpExchanges.json(
                        database.read(sql -> DashboardQueries.analytics(sql, organization, days, today()))),
                () -> HttpExchanges.json(degraded(organization, "analytics need the database", Map.of("days", days))));
    }

    /** {@code GET /api/dashboard/command-center} with {@code X-Org-Id}. */
    void commandCenter(HttpExchange exchange, RequestContext context) throws IOException {
        int organization = context.requireOrganization();
        pages.serve(
                exchange,
                "command-center:" + organization,
                settings.commandCenterTtl(),
                () -> commandCenterPage(organization),
                () -> HttpExchanges.json(degraded(organization, "the summary needs the database", Map.of())));
    }

    /** {@code GET /api/teams/{id}/dashboard}. */
    void team(HttpExchange exchange, RequestContext context, int teamId) throws IOException {
        pages.serve(
                exchange,
                "team:" + teamId,
                settings.analyticsTtl(),
                () -> {
                    TeamDashboard team = database.read(sql -> DashboardQueries.team(sql, teamId, today()))
                            .orElseThrow(() -> ApiException.notFound("no team " + teamId));
                    return HttpExchanges.json(team);
                },
                () -> HttpExchanges.json(
                        Map.of("teamId", teamId, "degraded", true, "reason", "teams need the database")));
    }

    /**
     * The summary is critical: without it the page fails (to stale, else degraded). The other
     * widgets are not: each degrades to null on its own, and such a page is served but not cached.
     */
    private String commandCenterPage(int organization) {
        LocalDate today = today();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("organizationId", organization);
        page.put("summary", database.read(sql -> DashboardQueries.summary(sql, organization, today)));
        List<String> degraded = new ArrayList<>();
        Dependency.Answer<List<RecentOrder>> recent =
                database.readOr(sql -> DashboardQueries.recentOrders(sql, organization), List::of);
        Dependency.Answer<List<SupplierTotal>> alerts =
                database.readOr(sql -> DashboardQueries.supplierAlerts(sql, organization, today), List::of);
        Dependency.Answer<List<ProjectHealth>> projects =
                database.readOr(sql -> DashboardQueries.projectHealth(sql, organization, today), List::of);
        widget(page, degraded, "recentOrders", recent);
        widget(page, degraded, "supplierAlerts", alerts);
        widget(page, degraded, "projectHealth", projects);
        page.put("degradedWidgets", degraded);
        String body = HttpExchanges.json(page);
        if (!degraded.isEmpty()) {
            throw new PartialAnswerException(body);
        }
        return body;
    }

    private static void widget(
            Map<String, Object> page, List<String> degraded, String name, Dependency.Answer<?> answer) {
        page.put(name, answer.value());
        if (answer.isDegraded()) {
            degraded.add(name);
        }
    }

    private static Map<String, Object> degraded(int organization, String reason, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organizationId", organization);
        body.putAll(extra);
        body.put("degraded", true);
        body.put("reason", reason + ", which is unavailable; try again shortly");
        return body;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
