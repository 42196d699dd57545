package dev.headroom.breaker;

import java.time.Duration;

/**
 * A call took longer than its {@link TimeLimiter}'s timeout. By the time this is thrown the work
 * has been cancelled: a synchronous call's thread was interrupted, an asynchronous call's future
 * cancelled. Unchecked, with the limiter's name and timeout, and no stack trace.
 */
public final class TimeLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String limiterName;
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param limiterName the time limiter's name
     * @param timeout the limit the call exceeded
     */
    public TimeLimitExceededException(String limiterName, Duration timeout) {
        super("TimeLimiter '" + limiterName + "': call did not complete within " + timeout, null, false, false);
        this.limiterName = limiterName;
        this.timeout = timeout;
    }

    /**
     * Returns the name of the time limiter whose limit was exceeded.
     *
     * @return the limiter's name
     */
    public String limiterName() {
        return limiterName;
    }

    /**
     * Returns the limit the call exceeded.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
