package dev.headroom.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * An export of an organization's orders over the last {@code days} days, as a CSV file.
 *
 * @param organizationId the organization
 * @param days how far back, 1 to 365
 */
public record ExportRequest(int organizationId, int days) {

    private static final Set<String> FIELDS = Set.of("days", "format");

    static ExportRequest parse(JsonNode body, int organizationId) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(
                        "unknown field '" + HttpExchanges.abbreviate(name) + "'; expected " + FIELDS);
            }
        }
        JsonNode format = body.get("format");
        if (format != null && !"csv".equals(format.asText())) {
            throw ApiException.badRequest("format must be \"csv\", not " + HttpExchanges.abbreviate(format.toString()));
        }
        JsonNode days = body.get("days");
        if (days == null) {
            return new ExportRequest(organizationId, 90);
        }
        if (!days.isIntegralNumber() || !days.canConvertToInt() || days.asInt() < 1 || days.asInt() > 365) {
            throw ApiException.badRequest("days must be an integer between 1 and 365, not " + days);
        }
        return new ExportRequest(organizationId, days.asInt());
    }
}
