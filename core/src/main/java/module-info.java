/**
 * Headroom's shared foundation: the injectable time source, Redis connections and Lua scripts, key
 * rules and the value codecs whose versioned envelope crosses Redis.
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
}
