package dev.headroom.breaker;

/** How a {@link Dependency} is doing, as its circuit breaker sees it. */
public enum Health {
    /** Calls go through: the breaker is CLOSED or DISABLED. */
    HEALTHY,
    /** A few probe calls go through: the breaker is HALF_OPEN. */
    RECOVERING,
    /** Calls are refused: the breaker is OPEN or FORCED_OPEN. */
    UNHEALTHY;

    /**
     * Returns the health a breaker state means.
     *
     * @param state a breaker state
     * @return the health
     */
    public static Health of(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED, DISABLED -> HEALTHY;
            case HALF_OPEN -> RECOVERING;
            case OPEN, FORCED_OPEN -> UNHEALTHY;
        };
    }
}
