package dev.headroom.jobs.internal.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobState;
import dev.headroom.jobs.JobWorker;
import dev.headroom.jobs.WorkerOptions;
import dev.headroom.testsupport.Await;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Closing a worker waits for its running jobs, and keeps their leases alive meanwhile: a job that
 * outlasts the visibility timeout while the worker closes is still the worker's to complete.
 */
class WorkerCloseTest {

    private static final Duration VISIBILITY = Duration.ofMillis(300);

    private final ManualScheduler scheduler = new ManualScheduler();
    /** The job's run, held until the test lets it run; every other task runs at once. */
    private final AtomicReference<@Nullable Runnable> job = new AtomicReference<>();

    /** Closing the worker has begun: it dropped its wake-up subscription. */
    private final AtomicBoolean unsubscribed = new AtomicBoolean();

    private final Executor executor = task -> {
        if (!job.compareAndSet(null, task)) {
            task.run();
        }
    };

    @Test
    void leasesAreRenewedWhileClosingWaitsForTheRunningJobs() {
        JobQueueConfig config =
                JobQueueConfig.builder().visibilityTimeout(VISIBILITY).build();
        DefaultJobQueue<String, String> jobs = TestQueues.over(
                new ForwardingBackend(new InMemoryBackend(config, scheduler.ticker())) {
                    @Override
                    public AutoCloseable subscribe(Runnable onWake) {
                        AutoCloseable subscribed = super.subscribe(onWake);
                        return () -> {
                            subscribed.close();
                            unsubscribed.set(true);
                        };
                    }
                },
                config,
                scheduler,
                executor);
        try {
            String id = jobs.add("long export").jobId();
            JobWorker worker = jobs.worker(WorkerOptions.ofDefaults(), running -> "done");
            assertThat(job.get())
                    .as("the job was leased and handed to the executor")
                    .isNotNull();
            CompletableFuture<Boolean> closed =
                    CompletableFuture.supplyAsync(() -> worker.close(Duration.ofSeconds(30)));
            Await.until("closing began", unsubscribed::get);

            for (int i = 0; i < 9; i++) {
                scheduler.advance(VISIBILITY.dividedBy(3));
            }
            assertThat(StoreProbe.of(jobs).lease("another-worker:1", 1).leased())
                    .as("three visibility timeouts later, the closing worker still holds the lease")
                    .isEmpty();
            assertThat(closed).isNotDone();

            Objects.requireNonNull(job.get()).run();
            Await.until("the worker closed", closed::isDone);
            assertThat(closed.join()).as("closed cleanly").isTrue();
            assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
            assertThat(jobs.status(id).orElseThrow().stalls()).isZero();
        } finally {
            jobs.close();
        }
    }
}
