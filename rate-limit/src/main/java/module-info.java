/**
 * Rate limiters behind one interface, in memory or on Redis: token bucket, GCRA, fixed and sliding
 * windows, concurrency limits, atomic decisions over several limits and keys, tiers, adaptive
 * limits, temporary bans and the IETF rate-limit headers. Micrometer binders are in {@code
 * dev.headroom.ratelimit.metrics}; {@code dev.headroom.ratelimit.spi} says what users may implement.
 */
module dev.headroom.ratelimit {
    requires transitive dev.headroom.core;
    requires transitive dev.headroom.breaker;
    requires transitive lettuce.core;
    requires static transitive micrometer.core;
    requires static transitive com.zaxxer.hikari;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.headroom.ratelimit;
    exports dev.headroom.ratelimit.metrics;
    exports dev.headroom.ratelimit.spi;
}
