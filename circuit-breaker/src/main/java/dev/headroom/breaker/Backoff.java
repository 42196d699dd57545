package dev.headroom.breaker;

import dev.headroom.breaker.internal.backoff.DecorrelatedJitterBackoff;
import dev.headroom.breaker.internal.backoff.ExponentialBackoff;
import dev.headroom.breaker.internal.backoff.FixedBackoff;
import dev.headroom.breaker.internal.backoff.JitteredBackoff;
import dev.headroom.breaker.internal.backoff.Randoms;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before a retry: fixed, exponential, and exponential with full, equal or
 * decorrelated jitter (as in "Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
 *
 * <p>A backoff is a pure function of the retry number and the previous delay, so one immutable
 * instance serves any number of concurrent retry sequences, and a durable job queue can store the
 * previous delay with the job and resume the sequence in another process. Retries are numbered
 * from 1: retry 1 is the wait after the first failed attempt.
 *
 * <p>Delays never overflow: every strategy caps at its maximum, for any retry number. Jittered
 * strategies draw from a {@link DoubleSupplier} of values in {@code [0, 1)}; by default {@link
 * java.util.concurrent.ThreadLocalRandom}, replaceable for deterministic tests.
 *
 * <p>Implement this interface for a strategy not offered here; implementations must be
 * thread-safe and return a non-negative delay.
 */
@FunctionalInterface
public interface Backoff {

    /** The growth factor of {@link #exponential(Duration, Duration)}: {@value}. */
    double DEFAULT_MULTIPLIER = 2.0;

    /**
     * Returns how long to wait before retry number {@code retry}.
     *
     * @param retry the retry about to happen, from 1
     * @param previousDelayNanos the delay returned for the previous retry of the same sequence, or
     *     0 before the first retry
     * @return the delay in nanoseconds, never negative
     */
    long delayNanos(int retry, long previousDelayNanos);

    /**
     * Returns how long to wait before retry number {@code retry}, as a {@link Duration}.
     *
     * @param retry the retry about to happen, from 1
     * @param previousDelay the delay returned for the previous retry, or {@link Duration#ZERO}
     * @return the delay, never negative
     */
    default Duration delay(int retry, Duration previousDelay) {
        return Duration.ofNanos(delayNanos(retry, previousDelay.toNanos()));
    }

    /**
     * Returns a backoff that always waits {@code delay}.
     *
     * @param delay the wait before every retry; zero retries at once
     * @return a fixed backoff
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    static Backoff fixed(Duration delay) {
        return new FixedBackoff(delay);
    }

    /**
     * Returns a backoff that doubles from {@code initialDelay} up to {@code maxDelay}: retry
     * {@code n} waits {@code min(maxDelay, initialDelay * 2^(n-1))}.
     *
     * @param initialDelay the wait before the first retry
     * @param maxDelay the longest wait
     * @return an exponential backoff with multiplier {@link #DEFAULT_MULTIPLIER}
     * @throws IllegalArgumentException if {@code initialDelay} is not positive or {@code maxDelay}
     *     is shorter than it
     */
    static Backoff exponential(Duration initialDelay, Duration maxDelay) {
        return new ExponentialBackoff(initialDelay, DEFAULT_MULTIPLIER, maxDelay);
    }

    /**
     * Returns a backoff that grows by {@code multiplier} from {@code initialDelay} up to {@code
     * maxDelay}: retry {@code n} waits {@code min(maxDelay, initialDelay * multiplier^(n-1))}.
     *
     * @param initialDelay the wait before the first retry
     * @param multiplier the growth factor, at least 1
     * @param maxDelay the longest wait
     * @return an exponential backoff
     * @throws IllegalArgumentException if {@code initialDelay} is not positive, {@code multiplier}
     *     is less than 1 or not finite, or {@code maxDelay} is shorter than {@code initialDelay}
     */
    static Backoff exponential(Duration initialDelay, double multiplier, Duration maxDelay) {
        return new ExponentialBackoff(initialDelay, multiplier, maxDelay);
    }

    /**
     * Returns the "decorrelated jitter" backoff: each delay is drawn uniformly between {@code
     * baseDelay} and three times the previous delay, capped at {@code maxDelay}. It spreads
     * clients out better than full jitter while still growing.
     *
     * @param baseDelay the shortest wait, and the first retry's upper bound divided by three
     * @param maxDelay the longest wait
     * @return a decorrelated-jitter backoff drawing from {@link
     *     java.util.concurrent.ThreadLocalRandom}
     * @throws IllegalArgumentException if {@code baseDelay} is not positive or {@code maxDelay} is
     *     shorter than it
     */
    static Backoff decorrelatedJitter(Duration baseDelay, Duration maxDelay) {
        return new DecorrelatedJitterBackoff(baseDelay, maxDelay, Randoms.threadLocal());
    }

    /**
     * Returns the "decorrelated jitter" backoff drawing from {@code random}.
     *
     * @param baseDelay the shortest wait
     * @param maxDelay the longest wait
     * @param random values in {@code [0, 1)}; values outside are clamped
     * @return a decorrelated-jitter backoff
     * @throws IllegalArgumentException if {@code baseDelay} is not positive or {@code maxDelay} is
     *     shorter than it
     * @see #decorrelatedJitter(Duration, Duration)
     */
    static Backoff decorrelatedJitter(Duration baseDelay, Duration maxDelay, DoubleSupplier random) {
        return new DecorrelatedJitterBackoff(baseDelay, maxDelay, random);
    }

    /**
     * Returns this backoff with "full jitter": each delay {@code d} becomes a uniform draw from
     * {@code [0, d)}. Spreads retries the most; some retries happen almost at once.
     *
     * @return a jittered view of this backoff drawing from {@link
     *     java.util.concurrent.ThreadLocalRandom}
     */
    default Backoff withFullJitter() {
        return new JitteredBackoff(this, JitteredBackoff.Kind.FULL, Randoms.threadLocal());
    }

    /**
     * Returns this backoff with full jitter drawing from {@code random}.
     *
     * @param random values in {@code [0, 1)}; values outside are clamped
     * @return a jittered view of this backoff
     * @see #withFullJitter()
     */
    default Backoff withFullJitter(DoubleSupplier random) {
        return new JitteredBackoff(this, JitteredBackoff.Kind.FULL, random);
    }

    /**
     * Returns this backoff with "equal jitter": each delay {@code d} becomes {@code d/2} plus a
     * uniform draw from {@code [0, d/2)}. Never waits less than half the un-jittered delay.
     *
     * @return a jittered view of this backoff drawing from {@link
     *     java.util.concurrent.ThreadLocalRandom}
     */
    default Backoff withEqualJitter() {
        return new JitteredBackoff(this, JitteredBackoff.Kind.EQUAL, Randoms.threadLocal());
    }

    /**
     * Returns this backoff with equal jitter drawing from {@code random}.
     *
     * @param random values in {@code [0, 1)}; values outside are clamped
     * @return a jittered view of this backoff
     * @see #withEqualJitter()
     */
    default Backoff withEqualJitter(DoubleSupplier random) {
        return new JitteredBackoff(this, JitteredBackoff.Kind.EQUAL, random);
    }
}
