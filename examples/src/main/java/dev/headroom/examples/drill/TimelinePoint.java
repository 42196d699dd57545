package dev.headroom.examples.drill;

/**
 * One second of a step, for charts.
 *
 * <p>Bucket {@code n} holds what completed between the samples taken about {@code n} and {@code
 * n + 1} seconds after the start; the last bucket also holds what completed after the step's
 * duration, while the generator waited for requests in flight.
 *
 * @param secondFromStart index of the bucket, from 0
 * @param requests responses received in the bucket
 * @param p50Ms median latency of those responses in milliseconds, {@code NaN} without responses
 * @param p99Ms 99th percentile latency in milliseconds, {@code NaN} without responses
 * @param nonSuccess non-2xx responses, errors and timeouts in the bucket
 */
record TimelinePoint(long secondFromStart, long requests, double p50Ms, double p99Ms, long nonSuccess) {}
