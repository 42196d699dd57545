package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.jobs.internal.durable.Backend;
import dev.headroom.jobs.internal.durable.Completion;
import dev.headroom.jobs.internal.durable.DefaultJobQueue;
import dev.headroom.jobs.internal.durable.FailOutcome;
import dev.headroom.jobs.internal.durable.Finished;
import dev.headroom.jobs.internal.durable.LeaseBatch;
import dev.headroom.jobs.internal.durable.LeasedJob;
import dev.headroom.jobs.internal.durable.NewJob;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobQueue} store meets: extended by the in-memory test and by the
 * Redis standalone and cluster integration tests. Time-dependent steps call {@link #elapse}, which
 * moves a manual clock in memory; on Redis, whose clock is the server's, the awaited conditions let
 * real time pass.
 */
abstract class JobQueueContract {

    /** A delay long enough to observe a job before it runs, short enough for a real clock. */
    static final Duration DELAY = Duration.ofMillis(400);

    static final Duration VISIBILITY = Duration.ofMillis(500);

    private final List<JobQueue<String, String>> opened = new ArrayList<>();

    /** Builds a queue on the store under test; the test closes it. */
    protected abstract JobQueue<String, String> create(JobQueueConfig config);

    /** Lets {@code amount} of store time pass, or does nothing where the store's clock is real. */
    protected abstract void elapse(Duration amount);

    JobQueue<String, String> queue(JobQueueConfig config) {
        JobQueue<String, String> queue = create(config);
        opened.add(queue);
        return queue;
    }

    JobQueue<String, String> queue() {
        return queue(JobQueueConfig.builder()
                .visibilityTimeout(VISIBILITY)
                .pollInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build());
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(JobQueue::close);
    }

    static String name() {
        return TestRedis.uniquePrefix("jobs");
    }

    /**
     * Waits for another thread's (or Redis's) progress; in memory, each poll also moves the manual
     * clock a little, so timers scheduled by worker threads after an {@link #elapse} still fire.
     */
    void await(String what, BooleanSupplier condition) {
        Await.until(what, () -> {
            tick();
            return condition.getAsBoolean();
        });
    }

    /** Called between polls of {@link #await}; moves a manual clock, if any, by a few milliseconds. */
    protected abstract void tick();

    void awaitState(JobQueue<String, String> jobs, String queue, String id, JobState state) {
        await(
                "job " + id + " is " + state,
                () -> jobs.status(queue, id).map(s -> s.state() == state).orElse(false));
    }

    static JobOptions.Builder options() {
        return JobOptions.builder().backoff(JobBackoff.fixed(Duration.ZERO));
    }

    @Test
    void anAddedJobRunsOnceAndKeepsItsResult() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        List<String> seen = new CopyOnWriteArrayList<>();

        AddResult added = jobs.add(q, "export-42");
        assertThat(added.outcome()).isEqualTo(AddOutcome.ADDED);
        assertThat(jobs.status(q, added.jobId()).orElseThrow().state()).isEqualTo(JobState.WAITING);
        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload() + "#" + job.attempt());
            return "s3://exports/" + job.payload();
        });
        awaitState(jobs, q, added.jobId(), JobState.COMPLETED);

        JobStatus<String> status = jobs.status(q, added.jobId()).orElseThrow();
        assertThat(status.result()).contains("s3://exports/export-42");
        assertThat(status.failedAttempts()).isZero();
        assertThat(status.finishedAt()).isPresent();
        assertThat(seen).containsExactly("export-42#1");
        assertThat(jobs.counts(q)).isEqualTo(new QueueCounts(0, 0, 0, 1, 0, 0));
        assertThat(jobs.stats().completed()).isEqualTo(1);
    }

    @Test
    void aJobIdIsAddedOnce() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        JobOptions byId = JobOptions.builder().jobId("invoice-7").build();

        assertThat(jobs.add(q, "first", byId)).isEqualTo(new AddResult("invoice-7", AddOutcome.ADDED));
        assertThat(jobs.add(q, "second", byId)).isEqualTo(new AddResult("invoice-7", AddOutcome.DUPLICATE));
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });
        awaitState(jobs, q, "invoice-7", JobState.COMPLETED);
        assertThat(jobs.add(q, "third", byId).outcome())
                .as("still a duplicate while retained")
                .isEqualTo(AddOutcome.DUPLICATE);

        assertThat(seen).containsExactly("first");
        assertThat(jobs.status(q, "invoice-7").orElseThrow().result()).isEmpty();
    }

    @Test
    void higherPriorityRunsFirstAndEqualPrioritiesInOrder() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        jobs.add(q, "low-1", JobOptions.builder().priority(1).build());
        jobs.add(q, "high", JobOptions.builder().priority(900).build());
        jobs.add(q, "low-2", JobOptions.builder().priority(1).build());
        jobs.add(q, "none");
        jobs.add(
                q, "top", JobOptions.builder().priority(JobOptions.MAX_PRIORITY).build());
        List<String> order = new CopyOnWriteArrayList<>();

        jobs.worker(q, WorkerOptions.ofConcurrency(1), job -> {
            order.add(job.payload());
            return null;
        });
        await("all ran", () -> order.size() == 5);

        assertThat(order).containsExactly("top", "high", "low-1", "low-2", "none");
    }

    @Test
    void aDelayedJobWaitsForItsDelay() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });

        String id =
                jobs.add(q, "later", JobOptions.builder().delay(DELAY).build()).jobId();
        assertThat(jobs.status(q, id).orElseThrow().state()).isEqualTo(JobState.DELAYED);
        assertThat(jobs.counts(q).delayed()).isEqualTo(1);
        assertThat(seen).isEmpty();
        elapse(DELAY);

        awaitState(jobs, q, id, JobState.COMPLETED);
        assertThat(seen).containsExactly("later");
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoff() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add(
                        q,
                        "flaky",
                        JobOptions.builder()
                                .maxAttempts(3)
                                .backoff(JobBackoff.fixed(DELAY))
                                .build())
                .jobId();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream timeout");
            }
            return "ok on attempt " + job.attempt();
        });
        awaitState(jobs, q, id, JobState.DELAYED);
        assertThat(jobs.status(q, id).orElseThrow().error())
                .hasValueSatisfying(error -> assertThat(error).contains("downstream timeout"));
        elapse(DELAY);
        awaitState(jobs, q, id, JobState.COMPLETED);

        JobStatus<String> status = jobs.status(q, id).orElseThrow();
        assertThat(status.result()).contains("ok on attempt 2");
        assertThat(status.failedAttempts()).isEqualTo(1);
        assertThat(jobs.stats().retried()).isEqualTo(1);
    }

    @Test
    void aJobThatFailsEveryAttemptIsDeadLetteredAndCanBeRedriven() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add(q, "poison", options().maxAttempts(2).build()).jobId();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalArgumentException("bad row " + calls.get());
            }
            return "fixed";
        });
        awaitState(jobs, q, id, JobState.DEAD);
        JobStatus<String> dead = jobs.status(q, id).orElseThrow();
        assertThat(dead.failedAttempts()).isEqualTo(2);
        assertThat(dead.error()).hasValueSatisfying(error -> assertThat(error).contains("bad row 2"));
        assertThat(jobs.counts(q).dead()).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(2);

        assertThat(jobs.redrive(q, id)).isTrue();
        awaitState(jobs, q, id, JobState.COMPLETED);
        assertThat(jobs.counts(q)).isEqualTo(new QueueCounts(0, 0, 0, 1, 0, 0));
        assertThat(jobs.redrive(q, id)).as("only dead jobs").isFalse();
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add(q, "invalid", options().maxAttempts(5).build()).jobId();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            calls.incrementAndGet();
            throw new PermanentJobFailure("customer deleted");
        });
        awaitState(jobs, q, id, JobState.FAILED);

        assertThat(calls.get()).isEqualTo(1);
        assertThat(jobs.status(q, id).orElseThrow().error()).contains("customer deleted");
        assertThat(jobs.counts(q).failed()).isEqualTo(1);
    }

    @Test
    void progressIsVisibleWhileTheJobRuns() throws Exception {
        JobQueue<String, String> jobs = queue();
        String q = name();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String id = jobs.add(q, "big export").jobId();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            assertThat(job.progress(40)).isTrue();
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        });
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();

        JobStatus<String> running = jobs.status(q, id).orElseThrow();
        assertThat(running.state()).isEqualTo(JobState.ACTIVE);
        assertThat(running.progress()).isEqualTo(40);
        assertThat(jobs.counts(q).active()).isEqualTo(1);
        release.countDown();
        awaitState(jobs, q, id, JobState.COMPLETED);
    }

    @Test
    void addBulkAddsEveryJobAtomicallyInOrder() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        List<JobRequest<String>> requests = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> requests.add(JobRequest.of("row-" + i)));
        requests.add(new JobRequest<>("keyed", JobOptions.builder().jobId("k-1").build()));
        requests.add(new JobRequest<>(
                "keyed again", JobOptions.builder().jobId("k-1").build()));

        List<AddResult> results = jobs.addBulk(q, requests);

        assertThat(results).hasSize(202);
        assertThat(results.stream().map(AddResult::jobId).distinct()).hasSize(201);
        assertThat(results.get(201).outcome()).isEqualTo(AddOutcome.DUPLICATE);
        assertThat(jobs.counts(q).waiting()).isEqualTo(201);
        List<String> order = new CopyOnWriteArrayList<>();
        jobs.worker(q, WorkerOptions.ofConcurrency(1), job -> {
            order.add(job.payload());
            return null;
        });
        await("all ran", () -> order.size() == 201);
        assertThat(order.subList(0, 3)).containsExactly("row-0", "row-1", "row-2");
        assertThat(jobs.addBulk(q, List.of())).isEmpty();
    }

    @Test
    void aWorkerRunsAtMostItsConcurrency() throws Exception {
        JobQueue<String, String> jobs = queue();
        String q = name();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch threeRunning = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, 12).forEach(i -> jobs.add(q, "job-" + i));

        JobWorker worker = jobs.worker(q, WorkerOptions.ofConcurrency(3), job -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threeRunning.countDown();
            release.await(10, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            done.incrementAndGet();
            return null;
        });
        assertThat(threeRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.inFlight()).isEqualTo(3);
        assertThat(jobs.counts(q).active()).isEqualTo(3);
        release.countDown();
        await("all ran", () -> done.get() == 12);

        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(worker.concurrency()).isEqualTo(3);
        assertThat(worker.close(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void addsForAPendingDebouncedKeyReplaceItsPayload() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        JobOptions debounced =
                JobOptions.builder().debounce("client-9:2026-05-01", DELAY).build();

        AddResult first = jobs.add(q, "v1", debounced);
        AddResult second = jobs.add(q, "v2", debounced);
        AddResult third = jobs.add(q, "v3", debounced);
        assertThat(first.outcome()).isEqualTo(AddOutcome.ADDED);
        assertThat(second).isEqualTo(new AddResult(first.jobId(), AddOutcome.REPLACED));
        assertThat(third).isEqualTo(new AddResult(first.jobId(), AddOutcome.REPLACED));
        assertThat(jobs.counts(q).delayed()).isEqualTo(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });
        elapse(DELAY);
        awaitState(jobs, q, first.jobId(), JobState.COMPLETED);

        assertThat(seen).containsExactly("v3");
        assertThat(jobs.add(q, "v4", debounced).outcome())
                .as("the key is free once its job finished")
                .isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void addsWhileADebouncedJobRunsCauseExactlyOneFollowUpWithTheLatestPayload() throws Exception {
        JobQueue<String, String> jobs = queue();
        String q = name();
        JobOptions debounced = JobOptions.builder()
                .debounce("client-3:2026-05-01", Duration.ZERO)
                .build();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(q, WorkerOptions.ofConcurrency(4), job -> {
            seen.add(job.payload());
            if (job.payload().equals("v1")) {
                firstRunning.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return null;
        });

        String firstId = jobs.add(q, "v1", debounced).jobId();
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jobs.add(q, "v2", debounced)).isEqualTo(new AddResult(firstId, AddOutcome.FOLLOW_UP));
        assertThat(jobs.add(q, "v3", debounced)).isEqualTo(new AddResult(firstId, AddOutcome.FOLLOW_UP));
        release.countDown();
        await("the follow-up ran", () -> seen.size() == 2);
        await("nothing left", () -> jobs.counts(q).unfinished() == 0);

        assertThat(seen).containsExactly("v1", "v3");
        assertThat(jobs.counts(q).completed()).isEqualTo(2);
    }

    @Test
    void aLeasedJobWhoseWorkerDiedReturnsAfterTheVisibilityTimeout() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        String id = jobs.add(q, "orphan").jobId();
        LeaseBatch dead = backend(jobs).lease(q, "dead-worker:1", VISIBILITY.toMillis(), 1, 5);
        assertThat(dead.jobs()).extracting(j -> j.id()).containsExactly(id);
        List<String> seen = new CopyOnWriteArrayList<>();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return "rescued";
        });
        assertThat(jobs.status(q, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        elapse(VISIBILITY);
        awaitState(jobs, q, id, JobState.COMPLETED);

        assertThat(seen).containsExactly("orphan");
        assertThat(jobs.status(q, id).orElseThrow().stalls()).isEqualTo(1);
        assertThat(completes(backend(jobs), q, id, "dead-worker:1"))
                .as("the dead worker's late completion is refused")
                .isFalse();
    }

    @Test
    void aJobThatStallsTooOftenFails() {
        JobQueue<String, String> jobs = queue(JobQueueConfig.builder()
                .visibilityTimeout(VISIBILITY)
                .maxStalls(0)
                .build());
        String q = name();
        String id = jobs.add(q, "crashes its workers").jobId();
        backend(jobs).lease(q, "w1:1", VISIBILITY.toMillis(), 1, 0);
        elapse(VISIBILITY);

        await("the lease expired and was reclaimed", () -> {
            backend(jobs).lease(q, "w2:1", VISIBILITY.toMillis(), 0, 0);
            return jobs.status(q, id).orElseThrow().state() == JobState.FAILED;
        });
        JobStatus<String> status = jobs.status(q, id).orElseThrow();
        assertThat(status.stalls()).isEqualTo(1);
        assertThat(status.error()).hasValueSatisfying(error -> assertThat(error).contains("stalled 1 times"));
    }

    @Test
    void onlyTheLeaseHolderCanFinishRenewOrReportOnAJob() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        String id = jobs.add(q, "guarded").jobId();
        Backend store = backend(jobs);
        assertThat(store.lease(q, "owner:1", 60_000, 1, 1).jobs()).hasSize(1);

        assertThat(completes(store, q, id, "intruder:1")).isFalse();
        assertThat(store.fail(q, id, "intruder:1", "x", true, 0, 10, 60_000)).isEqualTo(FailOutcome.LEASE_LOST);
        assertThat(store.extend(q, Map.of(id, "intruder:1"), 60_000)).containsExactly(id);
        assertThat(store.progress(q, id, "intruder:1", 10)).isFalse();
        assertThat(jobs.status(q, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

        assertThat(store.extend(q, Map.of(id, "owner:1"), 60_000)).isEmpty();
        assertThat(store.progress(q, id, "owner:1", 10)).isTrue();
        assertThat(completes(store, q, id, "owner:1")).isTrue();
        assertThat(jobs.status(q, id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void oneTurnCompletesSeveralJobsRefusesTheLostOnesAndLeasesTheNext() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> jobs.add(q, "job-" + i).jobId())
                .toList();
        Backend store = backend(jobs);
        assertThat(store.lease(q, "w:1", 60_000, 3, 1).jobs()).hasSize(3);
        String next = jobs.add(q, "next").jobId();
        jobs.add(q, "after next");

        Completion turn = store.complete(
                        q,
                        List.of(
                                new Finished(ids.get(0), "w:1", null),
                                new Finished(ids.get(1), "intruder:1", null),
                                new Finished(ids.get(2), "w:1", null)),
                        "w:2",
                        1,
                        60_000,
                        1)
                .join();

        assertThat(turn.lost()).containsExactly(ids.get(1));
        assertThat(turn.next().jobs()).extracting(LeasedJob::id).containsExactly(next);
        assertThat(turn.next().moreWaiting()).as("one job is left waiting").isTrue();
        assertThat(jobs.counts(q)).isEqualTo(new QueueCounts(1, 0, 2, 2, 0, 0));
        assertThat(jobs.status(q, ids.get(0)).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.status(q, ids.get(1)).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        assertThat(store.lease(q, "w:3", 60_000, 5, 1).moreWaiting())
                .as("fewer leased than asked")
                .isFalse();
    }

    @Test
    void aCompletionRidesWithTheNextTurnAndClosingTheWorkerRecordsIt() {
        JobQueue<String, String> jobs = queue(JobQueueConfig.builder()
                .visibilityTimeout(VISIBILITY)
                .pollInterval(Duration.ofHours(1))
                .completionDelay(Duration.ofHours(1))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build());
        String q = name();
        List<String> seen = new CopyOnWriteArrayList<>();
        JobWorker worker = jobs.worker(q, WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return "done " + job.payload();
        });

        String first = jobs.add(q, "first").jobId();
        await("the first job ran", () -> seen.size() == 1 && worker.inFlight() == 0);
        assertThat(jobs.status(q, first).orElseThrow().state())
                .as("buffered until the next turn")
                .isEqualTo(JobState.ACTIVE);
        String second = jobs.add(q, "second").jobId();
        awaitState(jobs, q, first, JobState.COMPLETED);
        await("the second job ran", () -> seen.size() == 2 && worker.inFlight() == 0);

        assertThat(worker.close(Duration.ofSeconds(5))).isTrue();
        JobStatus<String> status = jobs.status(q, second).orElseThrow();
        assertThat(status.state()).as("closing recorded it").isEqualTo(JobState.COMPLETED);
        assertThat(status.result()).contains("done second");
        assertThat(jobs.stats().completed()).isEqualTo(2);
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void retentionBoundsFinishedJobs() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        JobOptions keepTwo = JobOptions.builder()
                .keepCompleted(Retention.keep(2, Duration.ofHours(1)))
                .build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(jobs.add(q, "job-" + i, keepTwo).jobId());
        }
        AtomicInteger done = new AtomicInteger();
        jobs.worker(q, WorkerOptions.ofConcurrency(1), job -> {
            done.incrementAndGet();
            return null;
        });
        await("all ran", () -> done.get() == 5 && jobs.counts(q).unfinished() == 0);
        await("trimmed", () -> jobs.counts(q).completed() == 2);

        assertThat(jobs.status(q, ids.get(0))).isEmpty();
        assertThat(jobs.status(q, ids.get(4))).isPresent();
        String dropped = jobs.add(
                        q,
                        "gone at once",
                        JobOptions.builder().keepCompleted(Retention.none()).build())
                .jobId();
        await("removed when finished", () -> jobs.status(q, dropped).isEmpty());
        assertThat(jobs.counts(q).completed()).isEqualTo(2);
    }

    @Test
    void anUndecodablePayloadFailsTheJob() {
        JobQueue<String, String> jobs = queue();
        String q = name();
        String id = backend(jobs)
                .add(q, List.of(NewJob.of("not an envelope".getBytes(StandardCharsets.UTF_8), JobOptions.ofDefaults())))
                .get(0)
                .jobId();

        jobs.worker(q, WorkerOptions.ofDefaults(), job -> "never");
        awaitState(jobs, q, id, JobState.FAILED);

        assertThat(jobs.status(q, id).orElseThrow().error())
                .hasValueSatisfying(error -> assertThat(error).contains("undecodable payload"));
    }

    @Test
    void unknownJobsHaveNoStatusAndBadQueueNamesAreRefused() {
        JobQueue<String, String> jobs = queue();

        assertThat(jobs.status(name(), "missing")).isEmpty();
        assertThatThrownBy(() -> jobs.add("a{b}", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash tag");
        assertThatThrownBy(() -> jobs.add(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Completes one job with no result and leases nothing; says whether the token held the lease. */
    static boolean completes(Backend store, String q, String id, String token) {
        return store.complete(q, List.of(new Finished(id, token, null)), token, 0, 60_000, 1)
                .join()
                .lost()
                .isEmpty();
    }

    static Backend backend(JobQueue<String, String> jobs) {
        return ((DefaultJobQueue<String, String>) jobs).backend();
    }
}
