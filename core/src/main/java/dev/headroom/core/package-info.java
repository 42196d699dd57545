/**
 * Time for every Headroom component: {@link dev.headroom.core.Ticker} when a component only reads
 * time, {@link dev.headroom.core.Scheduler} (which carries its ticker) when it waits, and the
 * {@link dev.headroom.core.ManualTicker} and {@link dev.headroom.core.ManualScheduler} that users'
 * own tests drive by hand. {@link dev.headroom.core.Scheduler} is the one extension point here:
 * implement it to run Headroom's timers on your own infrastructure.
 */
@NullMarked
package dev.headroom.core;

import org.jspecify.annotations.NullMarked;
