package dev.headroom.cache;

import java.util.UUID;

/** The contract of a cache with only the local tier. */
class LocalTrafficCacheTest extends TrafficCacheContract {

    @Override
    TrafficCache.Builder<String> tiers(TrafficCache.Builder<String> builder) {
        return builder;
    }

    @Override
    String uniqueName() {
        return "local-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
