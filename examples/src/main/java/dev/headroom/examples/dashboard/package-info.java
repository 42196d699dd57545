/**
 * A dashboard service wired by hand from Headroom's modules: the JDK's HTTP server, a database
 * through HikariCP, cached dashboards, rate limits by user and organization, abuse bans, a breaker
 * with degraded answers, priority load shedding, a coalescing recomputation queue and a durable
 * export queue, with Prometheus metrics and a health endpoint. Start it with {@link
 * dev.headroom.examples.dashboard.DashboardService#start(DashboardSettings)}.
 */
@NullMarked
package dev.headroom.examples.dashboard;

import org.jspecify.annotations.NullMarked;
