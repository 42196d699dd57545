package dev.headroom.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a durable {@link JobQueue}: how long a lease lasts without renewal, how many stalls a
 * job survives, how often idle workers look for work, how long a worker may hold a completion, how
 * often a worker calls Redis at most, how long closing waits, and how many dead-lettered jobs are
 * kept. Immutable; build with {@link #builder()}, take {@link #ofDefaults()}, or change a copy with
 * {@link #toBuilder()}.
 */
public final class JobQueueConfig {

    /** How long a job stays leased to a worker that stops renewing: {@code PT30S}. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    /** How many times a job may stall (lose its worker) before it fails: {@value}. */
    public static final int DEFAULT_MAX_STALLS = 1;

    /** The longest an idle worker waits before it looks for work again: {@code PT1S}. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * The longest a worker holds a finished job's completion for its next store call while the
     * queue has no backlog: {@code PT0.005S}.
     */
    public static final Duration DEFAULT_COMPLETION_DELAY = Duration.ofMillis(5);

    /** The least time between the starts of two turns of one worker on Redis: {@code PT0.001S}. */
    public static final Duration DEFAULT_MIN_TURN_INTERVAL = Duration.ofMillis(1);

    /** How long closing a worker or the queue waits for running jobs: {@code PT30S}. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** How many dead-lettered jobs a queue keeps, and how long: the last 10,000, for 14 days. */
    public static final Retention DEFAULT_DEAD_LETTER_RETENTION = Retention.DEFAULT_FAILED;

    private static final JobQueueConfig DEFAULTS = builder().build();

    private final Duration visibilityTimeout;
    private final int maxStalls;
    private final Duration pollInterval;
    private final Duration completionDelay;
    private final Duration minTurnInterval;
    private final Duration shutdownTimeout;
    private final Retention deadLetterRetention;

    private JobQueueConfig(Builder builder) {
        this.visibilityTimeout = builder.visibilityTimeout;
        this.maxStalls = builder.maxStalls;
        this.pollInterval = builder.pollInterval;
        this.completionDelay = builder.completionDelay;
        this.minTurnInterval = builder.minTurnInterval;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.deadLetterRetention = builder.deadLetterRetention;
    }

    /**
     * Returns the settings with every default.
     *
     * @return the defaults
     */
    public static JobQueueConfig ofDefaults() {
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
     * Returns a builder that starts from these settings.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.visibilityTimeout = visibilityTimeout;
        builder.maxStalls = maxStalls;
        builder.pollInterval = pollInterval;
        builder.completionDelay = completionDelay;
        builder.minTurnInterval = minTurnInterval;
        builder.shutdownTimeout = shutdownTimeout;
        builder.deadLetterRetention = deadLetterRetention;
        return builder;
    }

    /**
     * Returns how long a job stays leased without renewal; workers renew every third of it, and a
     * job whose lease expires returns to waiting (it stalled).
     *
     * @return the visibility timeout; default {@link #DEFAULT_VISIBILITY_TIMEOUT}
     */
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /**
     * Returns how many stalls a job survives: one more and it fails.
     *
     * @return the stall limit; default {@value #DEFAULT_MAX_STALLS}
     */
    public int maxStalls() {
        return maxStalls;
    }

    /**
     * Returns the longest an idle worker waits before it looks for work again (new jobs usually wake
     * it at once).
     *
     * @return the poll interval; default {@link #DEFAULT_POLL_INTERVAL}
     */
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * Returns the longest a worker holds a finished job's completion before recording it, while the
     * queue has no backlog. A worker records completions together with its next lease, in one store
     * call; when jobs arrive one at a time, the call that leases the next job also completes the
     * last one, which halves the store calls per job. Until it is recorded the job keeps its lease
     * (renewed as if it ran), its status stays {@code ACTIVE}, and a worker that dies meanwhile
     * leaves it to run again, as dying just before completing always could. With a backlog, and when
     * a worker closes, completions are recorded at once. Zero records each completion at once.
     *
     * @return the completion delay; default {@link #DEFAULT_COMPLETION_DELAY}
     */
    public Duration completionDelay() {
        return completionDelay;
    }

    /**
     * Returns the least time between the starts of two turns of one worker on Redis. A turn is the
     * one script call in which a worker records the jobs it finished and leases the next ones. A
     * turn asked for sooner (a wake-up, a completion) waits until this much time has passed since the
     * last one began, and every request that arrives meanwhile rides with it, so that under a
     * steady stream of jobs each turn carries several of them: fewer, larger calls, and Redis spends
     * far less per job. A job may wait this long before it is leased; one that arrives after a quiet
     * spell is leased at once. The interval does not cap a worker's rate: while jobs wait, a turn
     * starts as soon as half the worker's slots are free, since it then carries a batch anyway. The
     * in-memory queue ignores this setting, its turns cost no round trip. Zero starts every turn at
     * once.
     *
     * @return the minimum turn interval; default {@link #DEFAULT_MIN_TURN_INTERVAL}
     */
    public Duration minTurnInterval() {
        return minTurnInterval;
    }

    /**
     * Returns how long closing waits for running jobs.
     *
     * @return the shutdown timeout; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}
     */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Returns how many dead-lettered jobs each queue keeps, and how long.
     *
     * @return the dead-letter retention; default {@link #DEFAULT_DEAD_LETTER_RETENTION}
     */
    public Retention deadLetterRetention() {
        return deadLetterRetention;
    }

    @Override
    public String toString() {
        return "JobQueueConfig{visibilityTimeout=" + visibilityTimeout + ", maxStalls=" + maxStalls
                + ", pollInterval=" + pollInterval + ", completionDelay=" + completionDelay
                + ", minTurnInterval=" + minTurnInterval
                + ", shutdownTimeout=" + shutdownTimeout
                + ", deadLetterRetention=" + deadLetterRetention + '}';
    }

    /** Builds {@link JobQueueConfig}; setters validate at once and name the bad value. */
    public static final class Builder {
        private Duration visibilityTimeout = DEFAULT_VISIBILITY_TIMEOUT;
        private int maxStalls = DEFAULT_MAX_STALLS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration completionDelay = DEFAULT_COMPLETION_DELAY;
        private Duration minTurnInterval = DEFAULT_MIN_TURN_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Retention deadLetterRetention = DEFAULT_DEAD_LETTER_RETENTION;

        private Builder() {}

        /**
         * Sets how long a lease lasts without renewal. Default {@link #DEFAULT_VISIBILITY_TIMEOUT}.
         *
         * @param timeout at least 30 ms, at most {@link JobOptions#MAX_DELAY}
         * @return this builder
         * @throws IllegalArgumentException if shorter than 30 ms or longer than 100 years
         */
        public Builder visibilityTimeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofMillis(30)) < 0 || timeout.compareTo(JobOptions.MAX_DELAY) > 0) {
                throw new IllegalArgumentException("visibilityTimeout must be between 30 ms and 100 years: " + timeout);
            }
            this.visibilityTimeout = timeout;
            return this;
        }

        /**
         * Sets how many stalls a job survives. Default {@value #DEFAULT_MAX_STALLS}.
         *
         * @param stalls not negative; 0 fails a job at its first stall
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxStalls(int stalls) {
            this.maxStalls = Settings.requireNotNegative("maxStalls", stalls);
            return this;
        }

        /**
         * Sets the longest an idle worker waits before looking for work. Default {@link
         * #DEFAULT_POLL_INTERVAL}.
         *
         * @param interval positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive: " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * Sets the longest a worker holds a finished job's completion before recording it. Default
         * {@link #DEFAULT_COMPLETION_DELAY}.
         *
         * @param delay not negative; zero records each completion at once
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder completionDelay(Duration delay) {
            this.completionDelay = Settings.requireNotNegative("completionDelay", delay);
            return this;
        }

        /**
         * Sets the least time between the starts of two turns of one worker on Redis. Default {@link
         * #DEFAULT_MIN_TURN_INTERVAL}.
         *
         * @param interval not negative, at most one second; zero starts every turn at once
         * @return this builder
         * @throws IllegalArgumentException if negative or longer than one second
         */
        public Builder minTurnInterval(Duration interval) {
            if (interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("minTurnInterval must be between zero and one second: " + interval);
            }
            this.minTurnInterval = interval;
            return this;
        }

        /**
         * Sets how long closing waits for running jobs. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
         *
         * @param timeout not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Settings.requireNotNegative("shutdownTimeout", timeout);
            return this;
        }

        /**
         * Sets how many dead-lettered jobs each queue keeps. Default {@link
         * #DEFAULT_DEAD_LETTER_RETENTION}.
         *
         * @param retention the retention
         * @return this builder
         */
        public Builder deadLetterRetention(Retention retention) {
            this.deadLetterRetention = Objects.requireNonNull(retention, "deadLetterRetention");
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public JobQueueConfig build() {
            return new JobQueueConfig(this);
        }
    }
}
