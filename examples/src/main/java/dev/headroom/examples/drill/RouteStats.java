package dev.headroom.examples.drill;

/**
 * Responses of one route of a step and their latency.
 *
 * @param requests responses received; errors and timeouts are not responses
 * @param p50 median latency in milliseconds, {@code NaN} without responses
 * @param p975 97.5th percentile latency in milliseconds, {@code NaN} without responses
 * @param p99 99th percentile latency in milliseconds, {@code NaN} without responses
 */
record RouteStats(long requests, double p50, double p975, double p99) {}
