/**
 * Micrometer metrics of traffic caches. Micrometer is an optional dependency: add {@code
 * io.micrometer:micrometer-core} to use this package.
 */
@NullMarked
package dev.headroom.cache.metrics;

import org.jspecify.annotations.NullMarked;
