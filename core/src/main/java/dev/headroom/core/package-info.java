/**
 * Time for every Headroom component: {@link dev.headroom.core.Ticker} and the {@link
 * dev.headroom.core.ManualTicker} that users' own tests drive by hand.
 */
@NullMarked
package dev.headroom.core;

import org.jspecify.annotations.NullMarked;
