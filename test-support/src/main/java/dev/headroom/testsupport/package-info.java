/**
 * Real Redis for tests on any machine. {@link dev.headroom.testsupport.RedisExtension} gives test
 * methods a shared standalone Redis and a shared three-master Redis Cluster; {@link
 * dev.headroom.testsupport.RedisServers} starts private servers that a drill may stop, kill and
 * restart. Servers come from, in order: the {@code REDIS_URL} (or {@code REDIS_CLUSTER_URLS})
 * environment variable for the shared ones, a {@code redis-server} on the {@code PATH}, or the
 * binary shipped inside the {@code com.github.codemonstur:embedded-redis} artifact. Every server
 * started is stopped when the tests end, even when they fail.
 */
@NullMarked
package dev.headroom.testsupport;

import org.jspecify.annotations.NullMarked;
