package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.breaker.DependencyRegistry;
import dev.headroom.breaker.Health;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /metrics}: every module's metrics in the Prometheus text format. {@code GET /health}:
 * each dependency's health from its breaker. Health answers 200 even while a dependency is
 * unhealthy, since the service still answers (degraded): taking every instance out of a load
 * balancer because their shared database is down would turn degraded pages into no pages.
 */
final class OperationsEndpoints {

    private final PrometheusMeterRegistry registry;
    private final DependencyRegistry dependencies;
    private final Map<String, String> components;

    OperationsEndpoints(
            PrometheusMeterRegistry registry, DependencyRegistry dependencies, Map<String, String> components) {
        this.registry = registry;
        this.dependencies = dependencies;
        this.components = Map.copyOf(components);
    }

    void metrics(HttpExchange exchange) throws IOException {
        HttpExchanges.send(
                exchange,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    void health(HttpExchange exchange) throws IOException {
        Map<String, Health> health = dependencies.health();
        boolean healthy = health.values().stream().allMatch(h -> h == Health.HEALTHY);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "UP" : "DEGRADED");
        Map<String, String> byName = new LinkedHashMap<>();
        health.forEach((name, value) -> byName.put(name, value.name()));
        body.put("dependencies", byName);
        body.put("components", components);
        HttpExchanges.send(exchange, 200, HttpExchanges.json(body));
    }
}
