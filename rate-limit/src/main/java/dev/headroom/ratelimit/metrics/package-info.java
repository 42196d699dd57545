/**
 * Micrometer binders for the rate limiters and the abuse guard. Micrometer is an optional
 * dependency: only these classes need it.
 */
@NullMarked
package dev.headroom.ratelimit.metrics;

import org.jspecify.annotations.NullMarked;
