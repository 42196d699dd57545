package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.breaker.metrics.DependencyRegistryMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DependencyRegistryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void exposesEachDependencysHealthAndDegradedAnswers() {
        DependencyRegistry dependencies = DependencyRegistry.of("service");
        Dependency recommendations =
                dependencies.register(CircuitBreaker.of("recommendations", CircuitBreakerConfig.ofDefaults()));
        dependencies.register(CircuitBreaker.of("search", CircuitBreakerConfig.ofDefaults()));
        DependencyRegistryMetrics.of(dependencies).bindTo(registry);

        recommendations.breaker().transitionTo(State.FORCED_OPEN);
        recommendations.primaryOr(() -> "for you", () -> "bestsellers");

        assertThat(health("recommendations", "unhealthy")).isEqualTo(1);
        assertThat(health("recommendations", "healthy")).isZero();
        assertThat(health("search", "healthy")).isEqualTo(1);
        assertThat(registry.get("headroom.dependency.degraded.answers")
                        .tag("dependency", "recommendations")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }

    private double health(String dependency, String health) {
        return registry.get("headroom.dependency.health")
                .tag("dependency", dependency)
                .tag("health", health)
                .gauge()
                .value();
    }
}
