package dev.headroom.breaker.metrics;

import dev.headroom.breaker.Dependency;
import dev.headroom.breaker.DependencyRegistry;
import dev.headroom.breaker.Health;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * Meters of the dependencies in a {@link DependencyRegistry} when it is bound, tagged {@code name}
 * (the registry's) and {@code dependency}:
 *
 * <ul>
 *   <li>{@code headroom.dependency.health} (gauge, tag {@code health}): 1 for the current health,
 *       0 for the others;
 *   <li>{@code headroom.dependency.degraded.answers} (counter): degraded answers given.
 * </ul>
 *
 * <p>Bind after registering the dependencies; later registrations are not seen.
 */
public final class DependencyRegistryMetrics implements MeterBinder {

    private final DependencyRegistry dependencies;
    private final Tags tags;

    /**
     * Creates the binder of one component.
     *
     * @param dependencies the registry to measure
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static DependencyRegistryMetrics of(DependencyRegistry dependencies) {
        return new DependencyRegistryMetrics(dependencies, Tags.empty());
    }

    /**
     * Creates the binder of one component, adding {@code extraTags} to every meter.
     *
     * @param dependencies the registry to measure
     * @param extraTags tags besides {@code dependency}
     * @return the binder; {@link #bindTo(MeterRegistry)} registers its meters
     */
    public static DependencyRegistryMetrics of(DependencyRegistry dependencies, Iterable<Tag> extraTags) {
        return new DependencyRegistryMetrics(dependencies, extraTags);
    }

    private DependencyRegistryMetrics(DependencyRegistry dependencies, Iterable<Tag> extraTags) {
        this.dependencies = dependencies;
        this.tags = Tags.of(extraTags).and("name", dependencies.name());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Dependency dependency : dependencies.dependencies()) {
            Tags byDependency = tags.and("dependency", dependency.name());
            for (Health health : Health.values()) {
                Gauge.builder("headroom.dependency.health", dependency, d -> d.health() == health ? 1 : 0)
                        .description("1 if the dependency has this health, else 0")
                        .tags(byDependency)
                        .tag("health", health.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
            FunctionCounter.builder("headroom.dependency.degraded.answers", dependency, Dependency::degradedAnswers)
                    .description("Degraded answers given instead of the dependency's")
                    .tags(byDependency)
                    .register(registry);
        }
    }
}
