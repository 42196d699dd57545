/**
 * Redis plumbing that Headroom's modules share and users never see: {@link
 * dev.headroom.core.redis.internal.RedisPlumbing} (the commands behind a {@link
 * dev.headroom.core.redis.HeadroomRedis}), {@link dev.headroom.core.redis.internal.RedisScript}
 * with includes and the {@link dev.headroom.core.redis.internal.ScriptRunner} that runs it in one
 * round trip, and the {@link dev.headroom.core.redis.internal.RedisSubscriber} that resubscribes
 * after a loss. Exported only to Headroom's modules; may change at any time.
 */
@NullMarked
package dev.headroom.core.redis.internal;

import org.jspecify.annotations.NullMarked;
