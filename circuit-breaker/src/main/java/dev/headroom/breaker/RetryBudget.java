package dev.headroom.breaker;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many retries a {@link Retry} may make, so that retries cannot multiply the load on a
 * dependency that is already failing. Within any {@link #window()}, a retry is allowed while
 * retries so far stay below {@code minRetriesPerSecond * window-in-seconds + ratio * calls}, where
 * calls counts every call the retry guarded in the window. With a ratio of 0.2, a failing
 * dependency sees at most 1.2 times its normal traffic instead of {@code maxAttempts} times.
 * Immutable.
 *
 * <p>The budget is enforced without locks; under concurrency it may be exceeded by the number of
 * retries decided at the same instant.
 */
public final class RetryBudget {

    private static final RetryBudget UNLIMITED = new RetryBudget(-1, 0, Duration.ZERO);

    private final double ratio;
    private final int minRetriesPerSecond;
    private final Duration window;

    private RetryBudget(double ratio, int minRetriesPerSecond, Duration window) {
        this.ratio = ratio;
        this.minRetriesPerSecond = minRetriesPerSecond;
        this.window = window;
    }

    /**
     * Returns a budget of {@code ratio} retries per call, plus {@code minRetriesPerSecond} so that
     * a quiet service can still retry.
     *
     * @param ratio retries allowed per call, from 0 to 1
     * @param minRetriesPerSecond retries allowed regardless of traffic, at least 0
     * @param window how far back calls and retries are counted
     * @return a budget
     * @throws IllegalArgumentException {@code "ratio must be in [0, 1]: 1.5"}, {@code
     *     "minRetriesPerSecond must not be negative: -1"}, {@code "window must be at least
     *     PT0.01S: PT0S"}
     */
    public static RetryBudget of(double ratio, int minRetriesPerSecond, Duration window) {
        if (!(ratio >= 0.0 && ratio <= 1.0)) {
            throw new IllegalArgumentException("ratio must be in [0, 1]: " + ratio);
        }
        if (minRetriesPerSecond < 0) {
            throw new IllegalArgumentException("minRetriesPerSecond must not be negative: " + minRetriesPerSecond);
        }
        if (window.compareTo(SlidingWindow.MIN_LENGTH) < 0) {
            throw new IllegalArgumentException("window must be at least " + SlidingWindow.MIN_LENGTH + ": " + window);
        }
        return new RetryBudget(ratio, minRetriesPerSecond, window);
    }

    /**
     * Returns the budget that allows every retry.
     *
     * @return the unlimited budget
     */
    public static RetryBudget unlimited() {
        return UNLIMITED;
    }

    /**
     * Returns whether this budget allows every retry.
     *
     * @return true for {@link #unlimited()}
     */
    public boolean isUnlimited() {
        return ratio < 0;
    }

    /**
     * Returns the retries allowed per call.
     *
     * @return a ratio in {@code [0, 1]}, or -1 if unlimited
     */
    public double ratio() {
        return ratio;
    }

    /**
     * Returns the retries per second allowed regardless of traffic.
     *
     * @return at least 0
     */
    public int minRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    /**
     * Returns how far back calls and retries are counted.
     *
     * @return the window, or {@link Duration#ZERO} if unlimited
     */
    public Duration window() {
        return window;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RetryBudget that
                && Double.compare(ratio, that.ratio) == 0
                && minRetriesPerSecond == that.minRetriesPerSecond
                && window.equals(that.window);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ratio, minRetriesPerSecond, window);
    }

    @Override
    public String toString() {
        return isUnlimited()
                ? "RetryBudget{unlimited}"
                : "RetryBudget{ratio=" + ratio + ", minRetriesPerSecond=" + minRetriesPerSecond + ", window=" + window
                        + '}';
    }
}
