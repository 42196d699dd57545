package dev.headroom.breaker;

/**
 * A snapshot of one {@link AdaptiveThrottle}'s totals since its creation, taken by {@link
 * AdaptiveThrottle#stats()}.
 *
 * @param requests the requests counted, refused ones included
 * @param accepts the requests the dependency accepted
 * @param throttled the requests refused locally
 */
public record AdaptiveThrottleStats(long requests, long accepts, long throttled) {}
