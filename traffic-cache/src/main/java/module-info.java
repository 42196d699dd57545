/**
 * Headroom's traffic cache: cache-aside {@code getOrSet} over a local Caffeine tier that is always
 * there and an optional Redis tier, with single-flight loads, stale serving, early refresh,
 * cross-instance invalidation and reads that survive a Redis outage. The API is in {@code
 * dev.headroom.cache}; the Micrometer binder is in {@code dev.headroom.cache.metrics} and needs
 * Micrometer on the path only if used.
 */
module dev.headroom.cache {
    requires transitive dev.headroom.core;
    requires transitive dev.headroom.breaker;
    requires com.github.benmanes.caffeine;
    requires lettuce.core;
    requires static transitive micrometer.core;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.headroom.cache;
    exports dev.headroom.cache.metrics;
}
