package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request: the client address, the user and organization (from the {@code X-User-Id}
 * and {@code X-Org-Id} headers, standing in for a real session) and the plan they are on.
 *
 * @param address the client address, from the connection or a trusted {@code X-Forwarded-For}
 * @param userId the user, or null for an anonymous request
 * @param organizationId the organization, or null if none was named
 * @param plan {@code public} for anonymous requests, else the organization's plan
 */
record RequestContext(
        String address, @Nullable String userId, @Nullable Integer organizationId, String plan) {

    static final String PUBLIC_PLAN = "public";
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    static RequestContext of(HttpExchange exchange, Organizations organizations, boolean trustForwardedFor) {
        String address = exchange.getRemoteAddress().getAddress().getHostAddress();
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        if (trustForwardedFor && forwarded != null && !forwarded.isBlank()) {
            address = forwarded.split(",", 2)[0].trim();
        }
        String user = exchange.getRequestHeaders().getFirst("X-User-Id");
        if (user != null && !USER_ID.matcher(user).matches()) {
            throw ApiException.badRequest(
                    "X-User-Id must be 1 to 64 letters, digits or ._@-, not '" + HttpExchanges.abbreviate(user) + "'");
        }
        String org = exchange.getRequestHeaders().getFirst("X-Org-Id");
        Integer organization = null;
        String plan = PUBLIC_PLAN;
        if (org != null) {
            organization = HttpExchanges.boundedInt("X-Org-Id", org, 1, Integer.MAX_VALUE);
            plan = organizations
                    .plan(organization)
                    .orElseThrow(() -> ApiException.notFound("no organization " + org.trim()));
            if (user == null) {
                plan = PUBLIC_PLAN;
            }
        }
        return new RequestContext(address, user, organization, plan);
    }

    /** Returns the organization, or fails with 400 naming the missing header. */
    int requireOrganization() {
        if (organizationId == null) {
            throw ApiException.badRequest("X-Org-Id header is required");
        }
        return organizationId;
    }

    String organizationKey() {
        return organizationId == null ? "org:none" : "org:" + organizationId;
    }

    String callerKey() {
        return userId == null ? "ip:" + address : "user:" + userId;
    }
}
