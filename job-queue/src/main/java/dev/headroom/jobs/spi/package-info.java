/**
 * Extension points of the job-queue module. Users may implement {@link
 * dev.headroom.jobs.spi.Scheduler} to run the queues' timers on their own infrastructure or to drive
 * time by hand in tests ({@link dev.headroom.jobs.ManualScheduler} is such an implementation).
 * Nothing else in this package is meant to be implemented.
 */
@NullMarked
package dev.headroom.jobs.spi;

import org.jspecify.annotations.NullMarked;
