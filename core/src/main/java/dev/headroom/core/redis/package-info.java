/**
 * Redis for Headroom's users: {@link dev.headroom.core.redis.HeadroomRedis} opens a standalone or
 * cluster connection from a URL with options fit for a request path, to hand to every Redis-backed
 * component; {@link dev.headroom.core.redis.RedisSettings} holds its timeouts and bounds; {@link
 * dev.headroom.core.redis.RedisKeys} states the key rules.
 */
@NullMarked
package dev.headroom.core.redis;

import org.jspecify.annotations.NullMarked;
