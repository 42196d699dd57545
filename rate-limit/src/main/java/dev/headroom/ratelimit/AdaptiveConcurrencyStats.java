package dev.headroom.ratelimit;

/**
 * A snapshot of one {@link AdaptiveConcurrencyLimiter}: its limit and load now, and its counts since
 * creation. Immutable; read by {@link dev.headroom.ratelimit.metrics.AdaptiveConcurrencyMetrics}.
 *
 * @param limit the current limit
 * @param inFlight the leases open now
 * @param granted leases granted
 * @param refused leases refused because the limit was reached
 * @param dropped leases closed after {@link Lease#markDropped()}
 */
public record AdaptiveConcurrencyStats(int limit, int inFlight, long granted, long refused, long dropped) {}
