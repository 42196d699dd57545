/**
 * Micrometer {@link io.micrometer.core.instrument.binder.MeterBinder}s, one per component type, each
 * named {@code XMetrics}, created with {@code XMetrics.of(component)} and bound with {@code
 * bindTo(registry)}. Micrometer
 * is an optional dependency of this module: add {@code io.micrometer:micrometer-core} to use this
 * package; nothing else in the module touches it.
 *
 * <p>Every meter is named {@code headroom.<component>.<what>} and tagged {@code name=<component
 * name>} plus any tags given to the binder. Counters and gauges read the component's own live
 * counters when Micrometer polls them, so binding adds nothing to the components' hot paths.
 * Gauges hold the component weakly, as Micrometer does by default.
 */
@NullMarked
package dev.headroom.breaker.metrics;

import org.jspecify.annotations.NullMarked;
