/**
 * Keeps one failing or slow dependency from taking a service down.
 *
 * <ul>
 *   <li>{@link dev.headroom.breaker.Backoff}: fixed, exponential and jittered delays between
 *       retries, reusable by anything that retries.
 * </ul>
 */
@NullMarked
package dev.headroom.breaker;

import org.jspecify.annotations.NullMarked;
