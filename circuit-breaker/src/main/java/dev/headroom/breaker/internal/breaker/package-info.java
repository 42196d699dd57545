/**
 * The circuit breaker's state machine: one class per state, swapped atomically, each owning the
 * permits it issues. A permit refers to the state object that issued it, so a report that arrives
 * after a transition lands in a state nobody reads and changes nothing.
 */
@NullMarked
package dev.headroom.breaker.internal.breaker;

import org.jspecify.annotations.NullMarked;
