package dev.headroom.examples.drill;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request of a drill, with the labels its response is counted under.
 *
 * <p>Immutable. {@code path} is resolved against the load generator's base URI and may carry a
 * query. {@code headers} are sent as given; the JDK client rejects restricted names such as {@code
 * Host} or {@code Content-Length} when the request is sent.
 *
 * @param route label that groups requests for per-route statistics, e.g. {@code "analytics"}
 * @param method HTTP method, e.g. {@code "GET"}
 * @param path path and query, resolved against the base URI
 * @param body request body sent as UTF-8, or {@code null} for none
 * @param headers request headers; copied, in insertion order
 * @param client label of the sender, e.g. {@code "normal"} or {@code "abusive"}
 */
record DrillRequest(
        String route, String method, String path, @Nullable String body, Map<String, String> headers, String client) {

    DrillRequest {
        requireNonNull(route, "route");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(client, "client");
        headers = copyOf(headers);
    }

    /** A {@code GET} of {@code path} without body or headers. */
    static DrillRequest get(String route, String path, String client) {
        return new DrillRequest(route, "GET", path, null, Map.of(), client);
    }

    /** A {@code POST} of {@code jsonBody} to {@code path} with {@code Content-Type: application/json}. */
    static DrillRequest post(String route, String path, String jsonBody, String client) {
        requireNonNull(jsonBody, "jsonBody");
        return new DrillRequest(route, "POST", path, jsonBody, Map.of("Content-Type", "application/json"), client);
    }

    /** A copy of this request with header {@code name} set to {@code value}, replacing an earlier value. */
    DrillRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
        return new DrillRequest(route, method, path, body, copy, client);
    }

    private static Map<String, String> copyOf(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>();
        requireNonNull(headers, "headers")
                .forEach((name, value) -> copy.put(requireNonNull(name, "header name"), requireNonNull(value, name)));
        return Collections.unmodifiableMap(copy);
    }
}
