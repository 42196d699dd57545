/**
 * The bulkhead: lock-free admission against per-priority reservations ({@link
 * dev.headroom.breaker.internal.bulkhead.Admission}) and a lock-guarded priority queue with
 * adaptive LIFO and CoDel-style timeouts ({@link dev.headroom.breaker.internal.bulkhead.WaitQueue}).
 */
@NullMarked
package dev.headroom.breaker.internal.bulkhead;

import org.jspecify.annotations.NullMarked;
