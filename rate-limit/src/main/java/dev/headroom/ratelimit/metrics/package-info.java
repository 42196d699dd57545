/**
 * Micrometer binders: one per component type ({@code XMetrics.of(component...).bindTo(registry)}),
 * meters named {@code headroom.ratelimit.*}, {@code headroom.concurrency.*}, {@code
 * headroom.abuse.*} and {@code headroom.redis.failures}, each tagged {@code name}. Micrometer is an optional
 * dependency: only these classes need it.
 */
@NullMarked
package dev.headroom.ratelimit.metrics;

import org.jspecify.annotations.NullMarked;
