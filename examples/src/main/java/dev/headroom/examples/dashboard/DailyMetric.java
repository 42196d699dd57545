package dev.headroom.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One client's check-in for one day, as {@code POST /api/daily-metrics} accepts it. Parsing names
 * the first field that is missing, unknown, malformed or out of range.
 *
 * @param clientId the client
 * @param date the day the metrics are for
 * @param steps steps walked
 * @param sleepMinutes minutes slept
 * @param restingHr resting heart rate, beats per minute
 * @param hrv heart-rate variability, milliseconds
 */
record DailyMetric(String clientId, LocalDate date, int steps, int sleepMinutes, int restingHr, int hrv) {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> FIELDS = Set.of("clientId", "date", "steps", "sleepMinutes", "restingHr", "hrv");

    /** The coalescing key: one recomputation per client and day. */
    String key() {
        return clientId + ':' + date;
    }

    static DailyMetric parse(JsonNode body, LocalDate today) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(
                        "unknown field '" + HttpExchanges.abbreviate(name) + "'; expected " + FIELDS);
            }
        }
        String clientId = text(body, "clientId");
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("clientId must be 1 to 64 letters, digits or ._-, not '"
                    + HttpExchanges.abbreviate(clientId) + "'");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text(body, "date"));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date must be an ISO date such as 2026-05-01, not '"
                    + HttpExchanges.abbreviate(text(body, "date")) + "'");
        }
        if (date.isAfter(today) || date.isBefore(today.minusDays(365))) {
            throw ApiException.badRequest("date must be within the last 365 days, not " + date);
        }
        return new DailyMetric(
                clientId,
                date,
                integer(body, "steps", 0, 200_000),
                integer(body, "sleepMinutes", 0, 1_440),
                integer(body, "restingHr", 20, 250),
                integer(body, "hrv", 1, 500));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return node.asText();
    }

    private static int integer(JsonNode body, String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest(field + " must be an integer");
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw ApiException.badRequest(field + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
