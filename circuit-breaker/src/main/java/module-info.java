/**
 * Breakers, retries, timeouts, bulkheads with priority load shedding, adaptive client-side
 * throttling and graceful degradation: what keeps one failing dependency from taking a service
 * down. Everything is in {@code dev.headroom.breaker}; Micrometer binders are in {@code
 * dev.headroom.breaker.metrics} and need Micrometer only if used. Time and waiting come from
 * {@code dev.headroom.core} ({@code Ticker}, {@code Scheduler}).
 */
module dev.headroom.breaker {
    requires transitive dev.headroom.core;
    requires static transitive micrometer.core;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.headroom.breaker;
    exports dev.headroom.breaker.metrics;
    exports dev.headroom.breaker.internal.redis to
            dev.headroom.ratelimit,
            dev.headroom.cache,
            dev.headroom.jobs;
}
