/** The time limiter: a timer per call that cancels the work when it fires. */
@NullMarked
package dev.headroom.breaker.internal.timelimit;

import org.jspecify.annotations.NullMarked;
