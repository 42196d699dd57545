/**
 * The traffic cache's implementation; not exported. {@link
 * dev.headroom.cache.internal.DefaultTrafficCache} wires the local tier ({@link
 * dev.headroom.cache.internal.LocalTier}), the Redis tier ({@link
 * dev.headroom.cache.internal.RedisTier}) and the read path ({@link
 * dev.headroom.cache.internal.Resolver}).
 */
@NullMarked
package dev.headroom.cache.internal;

import org.jspecify.annotations.NullMarked;
