/**
 * Rate limiting: {@link dev.headroom.ratelimit.RateLimiter} answers with a {@link
 * dev.headroom.ratelimit.Decision} under a {@link dev.headroom.ratelimit.RateLimitPolicy} of {@link
 * dev.headroom.ratelimit.Limit}s. Around it: concurrency limits with leases, tiers, adaptive limits,
 * abuse protection with temporary bans, and the IETF rate-limit headers.
 *
 * <p>Every component with an in-memory and a Redis implementation is created the same way, from
 * static methods on its interface: {@code X.local(name, config)} and {@code X.redis(name, config,
 * redis)}, each with an overload taking the time source ({@link
 * dev.headroom.ratelimit.RateLimiter} is named by its policy). Configurations are immutable, with
 * {@code ofDefaults()}, {@code builder()} and {@code toBuilder()}; {@code stats()} returns a
 * snapshot record. User keys follow {@link dev.headroom.core.UserKeys} in memory and on Redis alike.
 */
@NullMarked
package dev.headroom.ratelimit;

import org.jspecify.annotations.NullMarked;
