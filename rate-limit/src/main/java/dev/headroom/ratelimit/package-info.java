/**
 * Rate limiting: {@link dev.headroom.ratelimit.RateLimiter} answers with a {@link
 * dev.headroom.ratelimit.Decision}, in memory ({@link dev.headroom.ratelimit.LocalRateLimiters}) or
 * on Redis ({@link dev.headroom.ratelimit.RedisRateLimiters}) under a {@link
 * dev.headroom.ratelimit.RateLimitPolicy} of {@link dev.headroom.ratelimit.Limit}s. Around it:
 * concurrency limits with leases, tiers, adaptive limits, abuse protection with temporary bans, and
 * the IETF rate-limit headers.
 */
@NullMarked
package dev.headroom.ratelimit;

import org.jspecify.annotations.NullMarked;
