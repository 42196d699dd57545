/**
 * The traffic cache's implementation; not exported. {@link
 * dev.headroom.cache.internal.DefaultTrafficCache} wires the local tier ({@link
 * dev.headroom.cache.internal.LocalTier}), the Redis tier ({@link
 * dev.headroom.cache.internal.RedisTier}) and the read path, whose parts each do one thing: {@link
 * dev.headroom.cache.internal.Resolver} (a single read) and {@link
 * dev.headroom.cache.internal.BulkReads} (a bulk read) run the steps; {@link
 * dev.headroom.cache.internal.Flights} keeps one fetch per key in flight; {@link
 * dev.headroom.cache.internal.TierReads} decides what to do with the copies the tiers hold, by the
 * one freshness rule of {@link dev.headroom.cache.internal.Freshness}; {@link
 * dev.headroom.cache.internal.LeaseProtocol} coordinates loads across instances; {@link
 * dev.headroom.cache.internal.LoaderStep} loads and stores; {@link
 * dev.headroom.cache.internal.WriteBack} writes to Redis; {@link
 * dev.headroom.cache.internal.Refresher} refreshes in the background.
 */
@NullMarked
package dev.headroom.cache.internal;

import org.jspecify.annotations.NullMarked;
