package dev.headroom.jobs;

import dev.headroom.core.redis.RedisKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one durable job is added: its id, priority, delay, attempts, backoff, retention and
 * debouncing. Immutable; build with {@link #builder()}, or take {@link #ofDefaults()}.
 */
public final class JobOptions {

    /** The highest priority: {@value}. Priorities run from 0 (the default) to this. */
    public static final int MAX_PRIORITY = 1000;

    /** The priority of a job unless set: {@value}, the lowest. */
    public static final int DEFAULT_PRIORITY = 0;

    /** How many times a job runs before it is dead-lettered unless set: {@value}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** The longest a debounced key's pending job waits under a steady stream unless set: {@code PT1M}. */
    public static final Duration DEFAULT_DEBOUNCE_MAX_WAIT = Duration.ofMinutes(1);

    /**
     * The longest delay, debounce window or debounce wait: 100 years, {@code PT876600H}, the bound
     * of {@link Retention#MAX_AGE}. Due times are kept in milliseconds, which must stay exact and
     * far from overflow.
     */
    public static final Duration MAX_DELAY = Retention.MAX_AGE;

    private static final JobOptions DEFAULTS = builder().build();

    private final @Nullable String jobId;
    private final int priority;
    private final Duration delay;
    private final int maxAttempts;
    private final JobBackoff backoff;
    private final Retention keepCompleted;
    private final Retention keepFailed;
    private final @Nullable String debounceKey;
    private final Duration debounceWindow;
    private final Duration debounceMaxWait;

    private JobOptions(Builder builder) {
        this.jobId = builder.jobId;
        this.priority = builder.priority;
        this.delay = builder.delay;
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.keepCompleted = builder.keepCompleted;
        this.keepFailed = builder.keepFailed;
        this.debounceKey = builder.debounceKey;
        this.debounceWindow = builder.debounceWindow;
        this.debounceMaxWait = builder.debounceMaxWait;
    }

    /**
     * Returns the options with every default: a generated id, priority 0, no delay, {@value
     * #DEFAULT_MAX_ATTEMPTS} attempts, {@link JobBackoff#DEFAULT}, default retention, no debouncing.
     *
     * @return the default options
     */
    public static JobOptions ofDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from these options.
     *
     * @return a new builder holding these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.jobId = jobId;
        builder.priority = priority;
        builder.delay = delay;
        builder.maxAttempts = maxAttempts;
        builder.backoff = backoff;
        builder.keepCompleted = keepCompleted;
        builder.keepFailed = keepFailed;
        builder.debounceKey = debounceKey;
        builder.debounceWindow = debounceWindow;
        builder.debounceMaxWait = debounceMaxWait;
        return builder;
    }

    /**
     * Returns the job's id, if the caller chose it: adding a job whose id exists adds nothing.
     *
     * @return the id, or empty for a generated one
     */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /**
     * Returns the priority: higher runs first; equal priorities run in order of arrival.
     *
     * @return 0 to {@link #MAX_PRIORITY}
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns how long the job waits before it may run.
     *
     * @return the delay, zero for none
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Returns how many times the job may run before it is dead-lettered.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns the wait before each retry.
     *
     * @return the backoff
     */
    public JobBackoff backoff() {
        return backoff;
    }

    /**
     * Returns how long the job is kept once it completed.
     *
     * @return the retention of completed jobs
     */
    public Retention keepCompleted() {
        return keepCompleted;
    }

    /**
     * Returns how long the job is kept once it failed or died.
     *
     * @return the retention of failed and dead jobs
     */
    public Retention keepFailed() {
        return keepFailed;
    }

    /**
     * Returns the debounce key, if the job is debounced.
     *
     * @return the key, or empty
     */
    public Optional<String> debounceKey() {
        return Optional.ofNullable(debounceKey);
    }

    /**
     * Returns the debounce window: a debounced job runs this long after the last add for its key.
     *
     * @return the window; zero unless debounced
     */
    public Duration debounceWindow() {
        return debounceWindow;
    }

    /**
     * Returns the longest a debounced key's pending job waits from its first add.
     *
     * @return the cap; default {@link #DEFAULT_DEBOUNCE_MAX_WAIT}
     */
    public Duration debounceMaxWait() {
        return debounceMaxWait;
    }

    @Override
    public String toString() {
        return "JobOptions{jobId=" + jobId + ", priority=" + priority + ", delay=" + delay + ", maxAttempts="
                + maxAttempts + ", backoff=" + backoff + ", keepCompleted=" + keepCompleted + ", keepFailed="
                + keepFailed + ", debounceKey=" + debounceKey + ", debounceWindow=" + debounceWindow
                + ", debounceMaxWait=" + debounceMaxWait + '}';
    }

    /** Builds {@link JobOptions}; setters validate at once and name the bad value. */
    public static final class Builder {
        private @Nullable String jobId;
        private int priority = DEFAULT_PRIORITY;
        private Duration delay = Duration.ZERO;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private JobBackoff backoff = JobBackoff.DEFAULT;
        private Retention keepCompleted = Retention.DEFAULT_COMPLETED;
        private Retention keepFailed = Retention.DEFAULT_FAILED;
        private @Nullable String debounceKey;
        private Duration debounceWindow = Duration.ZERO;
        private Duration debounceMaxWait = DEFAULT_DEBOUNCE_MAX_WAIT;

        private Builder() {}

        /**
         * Sets the job's id, to deduplicate adds: a job whose id exists is not added again.
         *
         * @param jobId a valid key (not blank, at most 1024 UTF-8 bytes) that is not all digits
         * @return this builder
         * @throws IllegalArgumentException if the id breaks a key rule or is all digits
         */
        public Builder jobId(String jobId) {
            RedisKeys.requireValid("job id", jobId);
            if (jobId.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("job id must not be all digits, as generated ids are: " + jobId);
            }
            this.jobId = jobId;
            return this;
        }

        /**
         * Sets the priority: higher runs first. Default {@value #DEFAULT_PRIORITY}.
         *
         * @param priority 0 to {@link #MAX_PRIORITY}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder priority(int priority) {
            if (priority < 0 || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority must be between 0 and " + MAX_PRIORITY + ": " + priority);
            }
            this.priority = priority;
            return this;
        }

        /**
         * Sets how long the job waits before it may run. Default zero.
         *
         * @param delay not negative, at most {@link #MAX_DELAY}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder delay(Duration delay) {
            this.delay = requireSpan("delay", delay);
            return this;
        }

        /**
         * Sets how many times the job may run. Default {@value #DEFAULT_MAX_ATTEMPTS}.
         *
         * @param attempts at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Settings.requireAtLeastOne("maxAttempts", attempts);
            return this;
        }

        /**
         * Sets the wait before each retry. Default {@link JobBackoff#DEFAULT}.
         *
         * @param backoff the backoff
         * @return this builder
         */
        public Builder backoff(JobBackoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Sets how long the job is kept once it completed. Default {@link
         * Retention#DEFAULT_COMPLETED}.
         *
         * @param retention the retention
         * @return this builder
         */
        public Builder keepCompleted(Retention retention) {
            this.keepCompleted = Objects.requireNonNull(retention, "keepCompleted");
            return this;
        }

        /**
         * Sets how long the job is kept once it failed or died. Default {@link
         * Retention#DEFAULT_FAILED}.
         *
         * @param retention the retention
         * @return this builder
         */
        public Builder keepFailed(Retention retention) {
            this.keepFailed = Objects.requireNonNull(retention, "keepFailed");
            return this;
        }

        /**
         * Debounces the job across every instance that shares the queue: while the key's job is
         * pending, an add replaces its payload and pushes its run to {@code window} after the latest
         * add (never later than the max wait after the first); while it runs, the latest add is held
         * for exactly one follow-up job. Replaces {@link #delay(Duration)}.
         *
         * @param key the debounce key, such as {@code "client-42:2026-05-01"}
         * @param window the quiet time before the job runs, not negative, at most {@link #MAX_DELAY}
         * @return this builder
         * @throws IllegalArgumentException if the key breaks a key rule or the window is out of range
         */
        public Builder debounce(String key, Duration window) {
            this.debounceWindow = requireSpan("debounce window", window);
            this.debounceKey = RedisKeys.requireValid("debounce key", key);
            return this;
        }

        /**
         * Caps how long a debounced key's pending job waits from its first add. Default {@link
         * #DEFAULT_DEBOUNCE_MAX_WAIT}.
         *
         * @param maxWait not negative, at most {@link #MAX_DELAY}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder debounceMaxWait(Duration maxWait) {
            this.debounceMaxWait = requireSpan("debounce maxWait", maxWait);
            return this;
        }

        private static Duration requireSpan(String what, Duration span) {
            if (span.isNegative() || span.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException(what + " must be between zero and 100 years: " + span);
            }
            return span;
        }

        /**
         * Builds the options.
         *
         * @return immutable options
         * @throws IllegalArgumentException if both a job id and a debounce key are set (a debounced
         *     key's jobs get generated ids)
         */
        public JobOptions build() {
            if (jobId != null && debounceKey != null) {
                throw new IllegalArgumentException(
                        "a job cannot have both a job id and a debounce key: " + jobId + ", " + debounceKey);
            }
            return new JobOptions(this);
        }
    }
}
