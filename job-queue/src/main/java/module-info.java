/**
 * Headroom's job queues: the in-process {@link dev.headroom.jobs.CoalescingQueue}, which collapses a
 * burst of submissions for one key into one run with the latest payload, and the durable {@link
 * dev.headroom.jobs.JobQueue}, held in Redis (standalone or Cluster) or in memory for tests.
 */
module dev.headroom.jobs {
    requires transitive dev.headroom.core;
    requires transitive dev.headroom.breaker;
    requires static transitive micrometer.core;
    requires static transitive org.jspecify;
    requires lettuce.core;
    requires org.slf4j;

    exports dev.headroom.jobs;
    exports dev.headroom.jobs.metrics;
}
