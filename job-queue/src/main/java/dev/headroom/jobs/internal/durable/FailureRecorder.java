package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.jobs.JobQueueException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Records failed attempts in the store at once, on the job's thread. A store call that fails is
 * tried again on the scheduler with a growing delay, {@value #ATTEMPTS} times at most and never
 * past half the lease; after that the job is left to its lease, which expires, and runs again.
 */
final class FailureRecorder {

    static final int ATTEMPTS = 8;

    private final GuardedStore store;
    private final OutcomeLog log;
    private final Scheduler scheduler;
    private final Executor executor;
    private final long leaseMs;

    FailureRecorder(GuardedStore store, OutcomeLog log, Scheduler scheduler, Executor executor, long leaseMs) {
        this.store = store;
        this.log = log;
        this.scheduler = scheduler;
        this.executor = executor;
        this.leaseMs = leaseMs;
    }

    /** Records the failed attempt, then calls {@code done}, once, whether it was recorded or not. */
    void record(ActiveJob<?> job, JobExecution.Failed failure, Runnable done) {
        record(job, failure, done, 1);
    }

    private void record(ActiveJob<?> job, JobExecution.Failed failure, Runnable done, int attempt) {
        FailOutcome outcome;
        try {
            outcome = store.fail(job.id(), job.token(), failure.error(), failure.permanent(), failure.retryDelayMs());
        } catch (JobQueueException e) {
            if (attempt >= ATTEMPTS) {
                log.storeFailure("cannot finish job " + job.id() + "; it will run again after its lease expires", e);
                done.run();
                return;
            }
            long delayMs = Math.min(leaseMs / 2, 50L << attempt);
            var unused = scheduler.schedule(
                    () -> {
                        try {
                            executor.execute(() -> record(job, failure, done, attempt + 1));
                        } catch (RejectedExecutionException rejected) {
                            done.run();
                        }
                    },
                    TimeUnit.MILLISECONDS.toNanos(delayMs));
            return;
        }
        log.failed(job, outcome, failure.error(), failure.retryDelayMs());
        done.run();
    }
}
