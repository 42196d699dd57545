package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.headroom.breaker.Priority;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to endpoints, behind the {@link RequestGate} for the API. Priorities: health
 * checks are {@code CRITICAL}, writes {@code HIGH}, dashboard reads {@code NORMAL} and exports
 * {@code LOW}, so exports are shed first. A request the service cannot understand gets a 4xx with a
 * JSON body naming the problem; an unexpected failure gets a 500 and is logged.
 */
final class DashboardRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardRouter.class);
    private static final Pattern TEAM = Pattern.compile("/api/teams/([^/]+)/dashboard");
    private static final Pattern EXPORT = Pattern.compile("/api/dashboard/export/([^/]+)");

    private final RequestGate gate;
    private final Organizations organizations;
    private final boolean trustForwardedFor;
    private final DashboardEndpoints dashboards;
    private final DailyMetricsEndpoint dailyMetrics;
    private final ExportEndpoint exports;
    private final OperationsEndpoints operations;

    DashboardRouter(
            RequestGate gate,
            Organizations organizations,
            boolean trustForwardedFor,
            DashboardEndpoints dashboards,
            DailyMetricsEndpoint dailyMetrics,
            ExportEndpoint exports,
            OperationsEndpoints operations) {
        this.gate = gate;
        this.organizations = organizations;
        this.trustForwardedFor = trustForwardedFor;
        this.dashboards = dashboards;
        this.dailyMetrics = dailyMetrics;
        this.exports = exports;
        this.operations = operations;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (ApiException e) {
            HttpExchanges.sendError(exchange, e.status(), e.problem());
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            HttpExchanges.sendError(exchange, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/health" -> {
                requireMethod(method, "GET");
                operations.health(exchange);
                return;
            }
            case "/metrics" -> {
                requireMethod(method, "GET");
                operations.metrics(exchange);
                return;
            }
            default -> {}
        }
        RequestContext context = RequestContext.of(exchange, organizations, trustForwardedFor);
        switch (path) {
            case "/api/dashboard/analytics" -> {
                requireMethod(method, "GET");
                gate.pass(exchange, context, Priority.NORMAL, dashboards::analytics);
            }
            case "/api/dashboard/command-center" -> {
                requireMethod(method, "GET");
                gate.pass(exchange, context, Priority.NORMAL, dashboards::commandCenter);
            }
            case "/api/dashboard/export" -> {
                requireMethod(method, "POST");
                gate.pass(exchange, context, Priority.LOW, exports::start);
            }
            case "/api/daily-metrics" -> {
                requireMethod(method, "POST");
                gate.pass(exchange, context, Priority.HIGH, dailyMetrics::handle);
            }
            default -> routeWithId(exchange, method, path, context);
        }
    }

    private void routeWithId(HttpExchange exchange, String method, String path, RequestContext context)
            throws IOException {
        Matcher team = TEAM.matcher(path);
        if (team.matches()) {
            requireMethod(method, "GET");
            int teamId = HttpExchanges.boundedInt("team id", team.group(1), 1, Integer.MAX_VALUE);
            gate.pass(exchange, context, Priority.NORMAL, (ex, ctx) -> dashboards.team(ex, ctx, teamId));
            return;
        }
        Matcher export = EXPORT.matcher(path);
        if (export.matches()) {
            requireMethod(method, "GET");
            gate.pass(exchange, context, Priority.NORMAL, (ex, ctx) -> exports.status(ex, export.group(1)));
            return;
        }
        throw ApiException.notFound("no route " + HttpExchanges.abbreviate(path));
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiException(405, method + " is not allowed here; use " + allowed);
        }
    }
}
