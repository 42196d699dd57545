/**
 * Micrometer binders for the job queues. Needs {@code io.micrometer:micrometer-core} on the class
 * path, an optional dependency of this module.
 */
@NullMarked
package dev.headroom.jobs.metrics;

import org.jspecify.annotations.NullMarked;
