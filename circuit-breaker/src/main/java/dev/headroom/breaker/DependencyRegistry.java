package dev.headroom.breaker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The dependencies of a service, by name, with their health: what a health endpoint or an
 * operations page shows, and what non-critical features consult to degrade gracefully. Each
 * dependency's health comes from its {@link CircuitBreaker}; the registry holds no state of its
 * own besides the names. Thread-safe.
 */
public final class DependencyRegistry {

    private final String name;
    private final ConcurrentSkipListMap<String, Dependency> dependencies = new ConcurrentSkipListMap<>();

    private DependencyRegistry(String name) {
        this.name = name;
    }

    /**
     * Creates an empty registry.
     *
     * @param name the registry's name, such as the service's: metrics carry it
     * @return a new registry
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static DependencyRegistry of(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("name must not be blank: '" + name + "'");
        }
        return new DependencyRegistry(name);
    }

    /**
     * Returns the registry's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Registers a dependency under its breaker's name.
     *
     * @param breaker the breaker that guards it
     * @return the dependency
     * @throws IllegalArgumentException {@code "dependency already registered: redis"}
     */
    public Dependency register(CircuitBreaker breaker) {
        return register(breaker.name(), breaker);
    }

    /**
     * Registers a dependency.
     *
     * @param name a name unique in this registry
     * @param breaker the breaker that guards it
     * @return the dependency
     * @throws IllegalArgumentException {@code "dependency already registered: redis"}
     */
    public Dependency register(String name, CircuitBreaker breaker) {
        Dependency dependency = new Dependency(name, breaker);
        if (dependencies.putIfAbsent(name, dependency) != null) {
            throw new IllegalArgumentException("dependency already registered: " + name);
        }
        return dependency;
    }

    /**
     * Finds a dependency by name.
     *
     * @param name the name it was registered under
     * @return the dependency, or empty
     */
    public Optional<Dependency> find(String name) {
        return Optional.ofNullable(dependencies.get(name));
    }

    /**
     * Returns every dependency, by name.
     *
     * @return an unmodifiable snapshot, sorted by name
     */
    public List<Dependency> dependencies() {
        return List.copyOf(dependencies.values());
    }

    /**
     * Returns every dependency's health now.
     *
     * @return an unmodifiable snapshot from name to health, sorted by name
     */
    public Map<String, Health> health() {
        Map<String, Health> health = new LinkedHashMap<>();
        dependencies.forEach((name, dependency) -> health.put(name, dependency.health()));
        return Collections.unmodifiableMap(health);
    }

    /**
     * Returns the dependencies that are not {@link Health#HEALTHY} now.
     *
     * @return an unmodifiable snapshot, sorted by name
     */
    public List<Dependency> unhealthy() {
        List<Dependency> unhealthy = new ArrayList<>();
        for (Dependency dependency : dependencies.values()) {
            if (dependency.health() != Health.HEALTHY) {
                unhealthy.add(dependency);
            }
        }
        return Collections.unmodifiableList(unhealthy);
    }

    @Override
    public String toString() {
        return "DependencyRegistry" + health();
    }
}
