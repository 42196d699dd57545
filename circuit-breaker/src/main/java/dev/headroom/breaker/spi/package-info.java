/**
 * Extension points of the breaker module. Users may implement {@link
 * dev.headroom.breaker.spi.Scheduler} to run Headroom's timers on their own infrastructure or to
 * drive time by hand in tests ({@link dev.headroom.breaker.ManualScheduler} is such an
 * implementation). Nothing else in this package is meant to be implemented.
 */
@NullMarked
package dev.headroom.breaker.spi;

import org.jspecify.annotations.NullMarked;
