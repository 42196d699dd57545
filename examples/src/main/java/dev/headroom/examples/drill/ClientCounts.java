package dev.headroom.examples.drill;

/**
 * What one client label of a step received.
 *
 * <p>{@code requests == status2xx + status429 + otherNon2xx}; errors and timeouts are attempts
 * that got no response and are not in {@code requests}.
 *
 * @param requests responses received
 * @param status2xx responses with a 2xx status
 * @param status429 responses with status 429
 * @param otherNon2xx responses with any other status
 * @param errors attempts that failed with an I/O error other than a timeout
 * @param timeouts attempts that got no response within the request timeout
 */
record ClientCounts(long requests, long status2xx, long status429, long otherNon2xx, long errors, long timeouts) {}
