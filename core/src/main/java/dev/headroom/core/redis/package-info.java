/**
 * Redis plumbing shared by the modules that talk to Redis: {@link
 * dev.headroom.core.redis.HeadroomRedis} opens a standalone or cluster connection from a URL with
 * options fit for a request path, {@link dev.headroom.core.redis.ScriptRunner} runs a {@link
 * dev.headroom.core.redis.RedisScript} in one round trip, and {@link
 * dev.headroom.core.redis.RedisKeys} builds hash-tagged keys and rejects bad ones.
 *
 * <p>Lettuce is an optional dependency of headroom-core: this package needs {@code
 * io.lettuce:lettuce-core} on the class path, which every Redis-backed module brings.
 */
@NullMarked
package dev.headroom.core.redis;

import org.jspecify.annotations.NullMarked;
