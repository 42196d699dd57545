/**
 * Headroom's shared foundation: the injectable time source and scheduler, Redis connections, key
 * rules and the value codecs whose versioned envelope crosses Redis. The {@code internal} packages
 * are plumbing exported only to Headroom's own modules.
 */
module dev.headroom.core {
    requires static transitive lettuce.core;
    requires static reactor.core;
    requires static transitive com.fasterxml.jackson.databind;
    requires static transitive org.jspecify;
    requires org.slf4j;

    exports dev.headroom.core;
    exports dev.headroom.core.codec;
    exports dev.headroom.core.redis;
    exports dev.headroom.core.internal to
            dev.headroom.breaker,
            dev.headroom.ratelimit,
            dev.headroom.cache,
            dev.headroom.jobs;
    exports dev.headroom.core.redis.internal to
            dev.headroom.ratelimit,
            dev.headroom.cache,
            dev.headroom.jobs;
}
