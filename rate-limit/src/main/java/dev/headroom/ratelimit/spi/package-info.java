/**
 * Extension points of the rate limiters. Users may implement {@link
 * dev.headroom.ratelimit.spi.HealthSignal} to drive an adaptive limit from any measure of health.
 * Nothing else in this module is meant to be implemented outside it.
 */
@NullMarked
package dev.headroom.ratelimit.spi;

import org.jspecify.annotations.NullMarked;
