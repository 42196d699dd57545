package dev.headroom.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One limit on one key: an algorithm with its quota. Immutable; made by the static factories, which
 * validate at once and name the bad value.
 *
 * <p><b>Algorithms.</b>
 *
 * <ul>
 *   <li>{@link Algorithm#TOKEN_BUCKET}: a bucket of {@code capacity} tokens refilled continuously at
 *       {@code refillTokens} per {@code refillPeriod}, starting with {@code initialTokens}.
 *   <li>{@link Algorithm#GCRA}: the generic cell rate algorithm: {@code limit} requests per {@code
 *       period}, evenly spaced, with up to {@code burst} at once. It is the token bucket stated as a
 *       theoretical arrival time; both are stored as one number per key.
 *   <li>{@link Algorithm#FIXED_WINDOW}: at most {@code limit} per window of {@code window}. Cheap
 *       and easy to explain, but up to {@code 2 x limit} pass in a short interval that straddles a
 *       window boundary.
 *   <li>{@link Algorithm#SLIDING_WINDOW}: the sliding window counter: the current window's count
 *       plus the previous window's count weighted by the part of the previous window still inside
 *       the sliding window. <em>Error bound:</em> over any interval of length {@code d <= window}
 *       that straddles a boundary, at most {@code limit x (1 + d / window)} requests pass (a fixed
 *       window lets {@code 2 x limit} through in an instant); the estimate is exact when the
 *       previous window's requests were evenly spread, and over a whole {@code window} the
 *       adversarial worst case (all of the previous window's requests in its last instant) is
 *       below {@code 2 x limit}. In memory a sliding-window limit may not exceed {@link
 *       #MAX_SLIDING_WINDOW_LIMIT}.
 * </ul>
 *
 * <p><b>Units.</b> Rates become a whole number of microseconds per token, rounded up, so a limiter
 * never grants more than asked and the in-memory and Redis limiters agree to the token: three per
 * second is one token every 333,334 us. Token rates are therefore at most one per microsecond, and
 * windows are whole microseconds. A bucket may take at most {@link #MAX_WINDOW_DAYS} days to
 * refill completely.
 */
public final class Limit {

    /** The largest {@code limit} of a sliding-window limit in memory, where its state is one long: {@value}. */
    public static final long MAX_SLIDING_WINDOW_LIMIT = (1L << 21) - 1;

    /** The largest quota of any limit: {@value}. */
    public static final long MAX_QUOTA = Integer.MAX_VALUE;

    /** The longest window or refill period: {@value} days. */
    public static final long MAX_WINDOW_DAYS = 3660;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final long NANOS_PER_MICRO = 1_000L;

    /** How a limit counts. */
    public enum Algorithm {
        /** A refilling bucket of tokens. */
        TOKEN_BUCKET,
        /** The generic cell rate algorithm (a token bucket as a theoretical arrival time). */
        GCRA,
        /** A counter per fixed window. */
        FIXED_WINDOW,
        /** The sliding window counter approximation. */
        SLIDING_WINDOW
    }

    private final String name;
    private final Algorithm algorithm;
    private final long quota;
    private final long windowNanos;
    private final long intervalNanos;
    private final long initialTokens;

    private Limit(
            String name, Algorithm algorithm, long quota, long windowNanos, long intervalNanos, long initialTokens) {
        this.name = name;
        this.algorithm = algorithm;
        this.quota = quota;
        this.windowNanos = windowNanos;
        this.intervalNanos = intervalNanos;
        this.initialTokens = initialTokens;
    }

    /**
     * A token bucket that starts full.
     *
     * @param name the limit's name, for headers and metrics: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param capacity the most tokens the bucket holds, from 1 to {@link #MAX_QUOTA}
     * @param refillTokens how many tokens are added per {@code refillPeriod}, at least 1
     * @param refillPeriod the period over which {@code refillTokens} are added, evenly
     * @return the limit
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static Limit tokenBucket(String name, long capacity, long refillTokens, Duration refillPeriod) {
        requireName(name);
        requireQuota("capacity", capacity);
        requireQuota("refillTokens", refillTokens);
        long interval = interval(refillPeriod, refillTokens);
        return new Limit(
                name, Algorithm.TOKEN_BUCKET, capacity, fill("capacity", interval, capacity), interval, capacity);
    }

    /**
     * A GCRA limit: {@code limit} requests per {@code period}, of which up to {@code burst} may
     * come at once.
     *
     * @param name the limit's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param limit requests per period, from 1 to {@link #MAX_QUOTA}
     * @param period the period
     * @param burst how many may come at once, from 1 to {@link #MAX_QUOTA}
     * @return the limit
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static Limit gcra(String name, long limit, Duration period, long burst) {
        requireName(name);
        requireQuota("limit", limit);
        requireQuota("burst", burst);
        long interval = interval(period, limit);
        return new Limit(name, Algorithm.GCRA, burst, fill("burst", interval, burst), interval, burst);
    }

    /**
     * A fixed-window counter: at most {@code limit} per window, windows aligned to the limiter's
     * clock (in memory: its creation; on Redis: the Unix epoch).
     *
     * @param name the limit's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param limit requests per window, from 1 to {@link #MAX_QUOTA}
     * @param window the window, a whole number of microseconds
     * @return the limit
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static Limit fixedWindow(String name, long limit, Duration window) {
        requireName(name);
        requireQuota("limit", limit);
        long nanos = requireWindow("window", window);
        return new Limit(name, Algorithm.FIXED_WINDOW, limit, nanos, 0, limit);
    }

    /**
     * A sliding-window counter; see the class comment for its error bound.
     *
     * @param name the limit's name: 1 to 64 of {@code [A-Za-z0-9._-]}
     * @param limit requests per sliding window, from 1 to {@link #MAX_SLIDING_WINDOW_LIMIT}
     * @param window the window, a whole number of microseconds
     * @return the limit
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static Limit slidingWindow(String name, long limit, Duration window) {
        requireName(name);
        if (limit < 1 || limit > MAX_SLIDING_WINDOW_LIMIT) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_SLIDING_WINDOW_LIMIT + " for a sliding window: " + limit);
        }
        long nanos = requireWindow("window", window);
        return new Limit(name, Algorithm.SLIDING_WINDOW, limit, nanos, 0, limit);
    }

    /**
     * Returns this token bucket or GCRA limit with a bucket that starts with {@code tokens} instead
     * of full. A key whose bucket refilled completely and was then dropped as idle starts again from
     * this many.
     *
     * @param tokens from 0 to the capacity
     * @return a copy with the initial tokens
     * @throws IllegalArgumentException if the value is out of range or the limit is not a bucket
     */
    public Limit withInitialTokens(long tokens) {
        if (!isBucket()) {
            throw new IllegalArgumentException("initialTokens applies to token buckets and GCRA only: " + algorithm);
        }
        if (tokens < 0 || tokens > quota) {
            throw new IllegalArgumentException("initialTokens must be between 0 and " + quota + ": " + tokens);
        }
        return new Limit(name, algorithm, quota, windowNanos, intervalNanos, tokens);
    }

    /**
     * Returns this limit with its quota and rate multiplied by {@code share}, at least 1: what one
     * instance of {@code 1 / share} may grant on its own, as a fallback.
     *
     * @param share a fraction in {@code (0, 1]}
     * @return the scaled limit
     * @throws IllegalArgumentException if {@code share} is out of range
     */
    public Limit scaled(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        long scaledQuota = Math.max(1, (long) Math.floor(quota * share));
        if (isBucket()) {
            long intervalMicros = intervalNanos / NANOS_PER_MICRO;
            long scaledInterval = NANOS_PER_MICRO * Math.max(1, (long) Math.ceil(intervalMicros / share));
            long initial = Math.min(scaledQuota, Math.max(0, (long) Math.floor(initialTokens * share)));
            return new Limit(
                    name, algorithm, scaledQuota, fill("quota", scaledInterval, scaledQuota), scaledInterval, initial);
        }
        return new Limit(name, algorithm, scaledQuota, windowNanos, 0, scaledQuota);
    }

    /**
     * Returns this limit with another quota and the same time scale: a bucket keeps its refill
     * interval per token, a window keeps its length. Used by adaptive limits.
     *
     * @param newQuota from 1 to {@link #MAX_QUOTA} ({@link #MAX_SLIDING_WINDOW_LIMIT} for sliding windows)
     * @return the limit with the new quota
     * @throws IllegalArgumentException if the quota is out of range
     */
    public Limit withQuota(long newQuota) {
        requireQuota("quota", newQuota);
        if (algorithm == Algorithm.SLIDING_WINDOW && newQuota > MAX_SLIDING_WINDOW_LIMIT) {
            throw new IllegalArgumentException("quota must be at most " + MAX_SLIDING_WINDOW_LIMIT + ": " + newQuota);
        }
        if (isBucket()) {
            // Keep the time to refill the whole bucket, so the rate moves with the quota.
            long interval = NANOS_PER_MICRO * Math.max(1, ceilDiv(windowNanos / NANOS_PER_MICRO, newQuota));
            return new Limit(
                    name,
                    algorithm,
                    newQuota,
                    fill("quota", interval, newQuota),
                    interval,
                    Math.min(newQuota, initialTokens));
        }
        return new Limit(name, algorithm, newQuota, windowNanos, 0, newQuota);
    }

    /**
     * Returns the limit's name.
     *
     * @return the name, unique within a scope
     */
    public String name() {
        return name;
    }

    /**
     * Returns how the limit counts.
     *
     * @return the algorithm
     */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * Returns the quota: the capacity of a bucket, the burst of GCRA, or the limit per window. This
     * is the {@code q} of the {@code RateLimit-Policy} header.
     *
     * @return the quota
     */
    public long quota() {
        return quota;
    }

    /**
     * Returns the window: the length of a fixed or sliding window, or the time an empty bucket takes
     * to refill completely. This is the {@code w} of the {@code RateLimit-Policy} header.
     *
     * @return the window
     */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Returns the window in nanoseconds.
     *
     * @return {@link #window()} in nanoseconds
     */
    public long windowNanos() {
        return windowNanos;
    }

    /**
     * Returns the time one token takes to refill, for token buckets and GCRA.
     *
     * @return nanoseconds per token, 0 for window algorithms
     */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * Returns how many tokens a new key's bucket holds.
     *
     * @return the initial tokens; the quota for window algorithms
     */
    public long initialTokens() {
        return initialTokens;
    }

    /**
     * Says whether this is a token bucket or GCRA limit.
     *
     * @return true for {@link Algorithm#TOKEN_BUCKET} and {@link Algorithm#GCRA}
     */
    public boolean isBucket() {
        return algorithm == Algorithm.TOKEN_BUCKET || algorithm == Algorithm.GCRA;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Limit that
                && name.equals(that.name)
                && algorithm == that.algorithm
                && quota == that.quota
                && windowNanos == that.windowNanos
                && intervalNanos == that.intervalNanos
                && initialTokens == that.initialTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, algorithm, quota, windowNanos, intervalNanos, initialTokens);
    }

    @Override
    public String toString() {
        return "Limit{" + name + ", " + algorithm + ", quota=" + quota + ", window=" + window()
                + (isBucket() ? ", interval=" + Duration.ofNanos(intervalNanos) + ", initial=" + initialTokens : "")
                + '}';
    }

    static String requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 of [A-Za-z0-9._-]: '" + name + "'");
        }
        return name;
    }

    private static void requireQuota(String what, long value) {
        if (value < 1 || value > MAX_QUOTA) {
            throw new IllegalArgumentException(what + " must be between 1 and " + MAX_QUOTA + ": " + value);
        }
    }

    private static long requireWindow(String what, Duration window) {
        if (window.isNegative() || window.isZero() || window.toDays() > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException(
                    what + " must be positive and at most " + MAX_WINDOW_DAYS + " days: " + window);
        }
        long nanos = window.toNanos();
        if (nanos % NANOS_PER_MICRO != 0) {
            throw new IllegalArgumentException(what + " must be a whole number of microseconds: " + window);
        }
        return nanos;
    }

    /** Nanoseconds per token, rounded up to a whole microsecond so Redis and memory agree. */
    private static long interval(Duration period, long tokens) {
        long periodNanos = requireWindow("period", period);
        long micros = Math.max(1, ceilDiv(periodNanos / NANOS_PER_MICRO, tokens));
        return micros * NANOS_PER_MICRO;
    }

    /** The time an empty bucket takes to refill, bounded so that no arithmetic on it overflows. */
    private static long fill(String what, long interval, long tokens) {
        long limit = Duration.ofDays(MAX_WINDOW_DAYS).toNanos();
        if (interval > limit / tokens) {
            throw new IllegalArgumentException("a bucket of " + what + " " + tokens + " at one token per "
                    + Duration.ofNanos(interval) + " takes over " + MAX_WINDOW_DAYS + " days to refill");
        }
        return interval * tokens;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
