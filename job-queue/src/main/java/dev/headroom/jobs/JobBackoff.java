package dev.headroom.jobs;

import dev.headroom.breaker.Backoff;
import java.time.Duration;

/**
 * How long a failed durable job waits before its next attempt. Unlike a {@link Backoff}, which it
 * becomes through {@link #toBackoff()}, it is plain data, stored with the job so that whichever
 * worker, in whichever process, sees the failure computes the same delay.
 *
 * @param kind fixed or exponential
 * @param initialDelay the fixed delay, or the first delay of an exponential sequence
 * @param maxDelay the cap of an exponential sequence; equal to {@code initialDelay} when fixed
 * @param jitter whether each delay is drawn between half of it and all of it ("equal jitter"), so
 *     that jobs failing together do not retry together
 */
public record JobBackoff(Kind kind, Duration initialDelay, Duration maxDelay, boolean jitter) {

    /** Backoff used unless configured otherwise: exponential from 1 s to 5 min, with jitter. */
    public static final JobBackoff DEFAULT =
            exponential(Duration.ofSeconds(1), Duration.ofMinutes(5)).withJitter();

    /** The shape of the delays. */
    public enum Kind {
        /** Every retry waits the same. */
        FIXED,
        /** Retry {@code n} waits {@code min(max, initial * 2^(n-1))}. */
        EXPONENTIAL
    }

    /**
     * Validates the delays.
     *
     * @param kind fixed or exponential
     * @param initialDelay not negative
     * @param maxDelay at least {@code initialDelay}
     * @param jitter whether delays are jittered
     * @throws IllegalArgumentException if a delay is out of range
     */
    public JobBackoff {
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("backoff initialDelay must not be negative: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "backoff maxDelay must be at least initialDelay " + initialDelay + ": " + maxDelay);
        }
    }

    /**
     * Returns a backoff that always waits {@code delay}.
     *
     * @param delay not negative; zero retries at once
     * @return a fixed backoff
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static JobBackoff fixed(Duration delay) {
        return new JobBackoff(Kind.FIXED, delay, delay, false);
    }

    /**
     * Returns a backoff that doubles from {@code initialDelay} up to {@code maxDelay}.
     *
     * @param initialDelay the first delay, positive
     * @param maxDelay the cap, at least {@code initialDelay}
     * @return an exponential backoff
     * @throws IllegalArgumentException if a delay is out of range
     */
    public static JobBackoff exponential(Duration initialDelay, Duration maxDelay) {
        return new JobBackoff(Kind.EXPONENTIAL, initialDelay, maxDelay, false);
    }

    /**
     * Returns this backoff with equal jitter.
     *
     * @return a jittered copy
     */
    public JobBackoff withJitter() {
        return new JobBackoff(kind, initialDelay, maxDelay, true);
    }

    /**
     * Returns the circuit-breaker module's {@link Backoff} that computes these delays.
     *
     * @return the backoff
     */
    public Backoff toBackoff() {
        Backoff base = kind == Kind.FIXED || initialDelay.isZero()
                ? Backoff.fixed(initialDelay)
                : Backoff.exponential(initialDelay, maxDelay);
        return jitter ? base.withEqualJitter() : base;
    }

    /**
     * Returns the delay before retry number {@code retry}.
     *
     * @param retry the retry about to happen, from 1
     * @return the delay
     */
    public Duration delay(int retry) {
        return Duration.ofNanos(toBackoff().delayNanos(Math.max(1, retry), 0));
    }
}
