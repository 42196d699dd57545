package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.jobs.internal.durable.StoreProbe;
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
 * Redis standalone and cluster integration tests. Every store runs on a {@link ManualScheduler}:
 * on Redis too, whose scripts then take the time from its ticker instead of the server's. Time
 * passes only through {@link #elapse}, and by a few milliseconds each time {@link #await} polls, so
 * that timers set by worker threads after an elapse still fire.
 */
abstract class JobQueueContract {

    /** A delay long enough to observe a job before it runs. */
    static final Duration DELAY = Duration.ofMillis(400);

    static final Duration VISIBILITY = Duration.ofMillis(500);

    /** How far the clock moves each time {@link #await} polls. */
    static final Duration TICK = Duration.ofMillis(5);

    final ManualScheduler scheduler = new ManualScheduler();

    final List<JobQueue<String, String>> opened = new ArrayList<>();

    /** Builds a queue named {@code name} on the store under test, on {@link #scheduler}. */
    protected abstract JobQueue<String, String> create(
            String name, JobQueueConfig config, Codec<String> payloads, Codec<String> results);

    JobQueue<String, String> queue(JobQueueConfig config, Codec<String> payloads, Codec<String> results) {
        JobQueue<String, String> queue = create(name(), config, payloads, results);
        opened.add(queue);
        return queue;
    }

    JobQueue<String, String> queue(JobQueueConfig config) {
        return queue(config, Codec.string(), Codec.string());
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

    /** Lets {@code amount} of time pass for the queue, its workers and its store. */
    void elapse(Duration amount) {
        scheduler.advance(amount);
    }

    /**
     * Waits for another thread's (or Redis's) progress; each poll moves the clock by {@link #TICK}.
     */
    void await(String what, BooleanSupplier condition) {
        Await.until(what, () -> {
            scheduler.advance(TICK);
            return condition.getAsBoolean();
        });
    }

    /** Waits, moving the clock as {@link #await} does, until {@code latch} is open. */
    void awaitLatch(String what, CountDownLatch latch) {
        await(what, () -> latch.getCount() == 0);
    }

    void awaitState(JobQueue<String, String> jobs, String id, JobState state) {
        await(
                "job " + id + " is " + state,
                () -> jobs.status(id).map(s -> s.state() == state).orElse(false));
    }

    static JobOptions.Builder options() {
        return JobOptions.builder().backoff(JobBackoff.fixed(Duration.ZERO));
    }

    @Test
    void anAddedJobRunsOnceAndKeepsItsResult() {
        JobQueue<String, String> jobs = queue();
        List<String> seen = new CopyOnWriteArrayList<>();

        AddResult added = jobs.add("export-42");
        assertThat(added.outcome()).isEqualTo(AddOutcome.ADDED);
        assertThat(jobs.status(added.jobId()).orElseThrow().state()).isEqualTo(JobState.WAITING);
        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload() + "#" + job.attempt());
            return "s3://exports/" + job.payload();
        });
        awaitState(jobs, added.jobId(), JobState.COMPLETED);

        JobStatus<String> status = jobs.status(added.jobId()).orElseThrow();
        assertThat(status.result()).contains("s3://exports/export-42");
        assertThat(status.failedAttempts()).isZero();
        assertThat(status.finishedAt()).isPresent();
        assertThat(seen).containsExactly("export-42#1");
        assertThat(jobs.counts()).isEqualTo(new QueueCounts(0, 0, 0, 1, 0, 0));
        assertThat(jobs.stats().completed()).isEqualTo(1);
    }

    @Test
    void aJobIdIsAddedOnce() {
        JobQueue<String, String> jobs = queue();
        JobOptions byId = JobOptions.builder().jobId("invoice-7").build();

        assertThat(jobs.add("first", byId)).isEqualTo(new AddResult("invoice-7", AddOutcome.ADDED));
        assertThat(jobs.add("second", byId)).isEqualTo(new AddResult("invoice-7", AddOutcome.DUPLICATE));
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });
        awaitState(jobs, "invoice-7", JobState.COMPLETED);
        assertThat(jobs.add("third", byId).outcome())
                .as("still a duplicate while retained")
                .isEqualTo(AddOutcome.DUPLICATE);

        assertThat(seen).containsExactly("first");
        assertThat(jobs.status("invoice-7").orElseThrow().result()).isEmpty();
    }

    @Test
    void higherPriorityRunsFirstAndEqualPrioritiesInOrder() {
        JobQueue<String, String> jobs = queue();
        jobs.add("low-1", JobOptions.builder().priority(1).build());
        jobs.add("high", JobOptions.builder().priority(900).build());
        jobs.add("low-2", JobOptions.builder().priority(1).build());
        jobs.add("none");
        jobs.add("top", JobOptions.builder().priority(JobOptions.MAX_PRIORITY).build());
        List<String> order = new CopyOnWriteArrayList<>();

        jobs.worker(WorkerOptions.ofConcurrency(1), job -> {
            order.add(job.payload());
            return null;
        });
        await("all ran", () -> order.size() == 5);

        assertThat(order).containsExactly("top", "high", "low-1", "low-2", "none");
    }

    @Test
    void aDelayedJobWaitsForItsDelay() {
        JobQueue<String, String> jobs = queue();
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });

        String id = jobs.add("later", JobOptions.builder().delay(DELAY).build()).jobId();
        assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.DELAYED);
        assertThat(jobs.counts().delayed()).isEqualTo(1);
        assertThat(seen).isEmpty();
        elapse(DELAY);

        awaitState(jobs, id, JobState.COMPLETED);
        assertThat(seen).containsExactly("later");
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoff() {
        JobQueue<String, String> jobs = queue();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add(
                        "flaky",
                        JobOptions.builder()
                                .maxAttempts(3)
                                .backoff(JobBackoff.fixed(DELAY))
                                .build())
                .jobId();

        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream timeout");
            }
            return "ok on attempt " + job.attempt();
        });
        awaitState(jobs, id, JobState.DELAYED);
        assertThat(jobs.status(id).orElseThrow().error())
                .hasValueSatisfying(error -> assertThat(error).contains("downstream timeout"));
        elapse(DELAY);
        awaitState(jobs, id, JobState.COMPLETED);

        JobStatus<String> status = jobs.status(id).orElseThrow();
        assertThat(status.result()).contains("ok on attempt 2");
        assertThat(status.failedAttempts()).isEqualTo(1);
        assertThat(jobs.stats().retried()).isEqualTo(1);
    }

    @Test
    void aJobThatFailsEveryAttemptIsDeadLetteredAndCanBeRedriven() {
        JobQueue<String, String> jobs = queue();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add("poison", options().maxAttempts(2).build()).jobId();

        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalArgumentException("bad row " + calls.get());
            }
            return "fixed";
        });
        awaitState(jobs, id, JobState.DEAD);
        JobStatus<String> dead = jobs.status(id).orElseThrow();
        assertThat(dead.failedAttempts()).isEqualTo(2);
        assertThat(dead.error()).hasValueSatisfying(error -> assertThat(error).contains("bad row 2"));
        assertThat(jobs.counts().dead()).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(2);

        assertThat(jobs.redrive(id)).isTrue();
        awaitState(jobs, id, JobState.COMPLETED);
        assertThat(jobs.counts()).isEqualTo(new QueueCounts(0, 0, 0, 1, 0, 0));
        assertThat(jobs.redrive(id)).as("only dead jobs").isFalse();
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        JobQueue<String, String> jobs = queue();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add("invalid", options().maxAttempts(5).build()).jobId();

        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            calls.incrementAndGet();
            throw new PermanentJobFailure("customer deleted");
        });
        awaitState(jobs, id, JobState.FAILED);

        assertThat(calls.get()).isEqualTo(1);
        assertThat(jobs.status(id).orElseThrow().error()).contains("customer deleted");
        assertThat(jobs.counts().failed()).isEqualTo(1);
    }

    @Test
    void progressIsVisibleWhileTheJobRuns() throws Exception {
        JobQueue<String, String> jobs = queue();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String id = jobs.add("big export").jobId();

        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            assertThat(job.progress(40)).isTrue();
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        });
        awaitLatch("progress was reported", reported);

        JobStatus<String> running = jobs.status(id).orElseThrow();
        assertThat(running.state()).isEqualTo(JobState.ACTIVE);
        assertThat(running.progress()).isEqualTo(40);
        assertThat(jobs.counts().active()).isEqualTo(1);
        release.countDown();
        awaitState(jobs, id, JobState.COMPLETED);
    }

    @Test
    void addBulkAddsEveryJobAtomicallyInOrder() {
        JobQueue<String, String> jobs = queue();
        List<JobRequest<String>> requests = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> requests.add(JobRequest.of("row-" + i)));
        requests.add(new JobRequest<>("keyed", JobOptions.builder().jobId("k-1").build()));
        requests.add(new JobRequest<>(
                "keyed again", JobOptions.builder().jobId("k-1").build()));

        List<AddResult> results = jobs.addBulk(requests);

        assertThat(results).hasSize(202);
        assertThat(results.stream().map(AddResult::jobId).distinct()).hasSize(201);
        assertThat(results.get(201).outcome()).isEqualTo(AddOutcome.DUPLICATE);
        assertThat(jobs.counts().waiting()).isEqualTo(201);
        List<String> order = new CopyOnWriteArrayList<>();
        jobs.worker(WorkerOptions.ofConcurrency(1), job -> {
            order.add(job.payload());
            return null;
        });
        await("all ran", () -> order.size() == 201);
        assertThat(order.subList(0, 3)).containsExactly("row-0", "row-1", "row-2");
        assertThat(jobs.addBulk(List.of())).isEmpty();
    }

    @Test
    void aWorkerRunsAtMostItsConcurrency() throws Exception {
        JobQueue<String, String> jobs = queue();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch threeRunning = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, 12).forEach(i -> jobs.add("job-" + i));

        JobWorker worker = jobs.worker(WorkerOptions.ofConcurrency(3), job -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threeRunning.countDown();
            release.await(10, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            done.incrementAndGet();
            return null;
        });
        awaitLatch("three jobs run", threeRunning);
        assertThat(worker.inFlight()).isEqualTo(3);
        assertThat(jobs.counts().active()).isEqualTo(3);
        release.countDown();
        await("all ran", () -> done.get() == 12);

        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(worker.concurrency()).isEqualTo(3);
        assertThat(worker.close(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void addsForAPendingDebouncedKeyReplaceItsPayload() {
        JobQueue<String, String> jobs = queue();
        JobOptions debounced =
                JobOptions.builder().debounce("client-9:2026-05-01", DELAY).build();

        AddResult first = jobs.add("v1", debounced);
        AddResult second = jobs.add("v2", debounced);
        AddResult third = jobs.add("v3", debounced);
        assertThat(first.outcome()).isEqualTo(AddOutcome.ADDED);
        assertThat(second).isEqualTo(new AddResult(first.jobId(), AddOutcome.REPLACED));
        assertThat(third).isEqualTo(new AddResult(first.jobId(), AddOutcome.REPLACED));
        assertThat(jobs.counts().delayed()).isEqualTo(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return null;
        });
        elapse(DELAY);
        awaitState(jobs, first.jobId(), JobState.COMPLETED);

        assertThat(seen).containsExactly("v3");
        assertThat(jobs.add("v4", debounced).outcome())
                .as("the key is free once its job finished")
                .isEqualTo(AddOutcome.ADDED);
    }

    @Test
    void addsWhileADebouncedJobRunsCauseExactlyOneFollowUpWithTheLatestPayload() throws Exception {
        JobQueue<String, String> jobs = queue();
        JobOptions debounced = JobOptions.builder()
                .debounce("client-3:2026-05-01", Duration.ZERO)
                .build();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        jobs.worker(WorkerOptions.ofConcurrency(4), job -> {
            seen.add(job.payload());
            if (job.payload().equals("v1")) {
                firstRunning.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return null;
        });

        String firstId = jobs.add("v1", debounced).jobId();
        awaitLatch("the first job runs", firstRunning);
        assertThat(jobs.add("v2", debounced)).isEqualTo(new AddResult(firstId, AddOutcome.FOLLOW_UP));
        assertThat(jobs.add("v3", debounced)).isEqualTo(new AddResult(firstId, AddOutcome.FOLLOW_UP));
        release.countDown();
        await("the follow-up ran", () -> seen.size() == 2);
        await("nothing left", () -> jobs.counts().unfinished() == 0);

        assertThat(seen).containsExactly("v1", "v3");
        assertThat(jobs.counts().completed()).isEqualTo(2);
    }

    @Test
    void aLeasedJobWhoseWorkerDiedReturnsAfterTheVisibilityTimeout() {
        JobQueue<String, String> jobs = queue();
        String id = jobs.add("orphan").jobId();
        assertThat(StoreProbe.of(jobs).lease("dead-worker:1", 1).leased()).containsExactly(id);
        List<String> seen = new CopyOnWriteArrayList<>();

        jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return "rescued";
        });
        assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        elapse(VISIBILITY);
        awaitState(jobs, id, JobState.COMPLETED);

        assertThat(seen).containsExactly("orphan");
        assertThat(jobs.status(id).orElseThrow().stalls()).isEqualTo(1);
        assertThat(StoreProbe.of(jobs).completes(id, "dead-worker:1"))
                .as("the dead worker's late completion is refused")
                .isFalse();
    }

    @Test
    void aJobThatStallsTooOftenFails() {
        JobQueue<String, String> jobs = queue(JobQueueConfig.builder()
                .visibilityTimeout(VISIBILITY)
                .maxStalls(0)
                .build());
        String id = jobs.add("crashes its workers").jobId();
        StoreProbe.of(jobs).lease("w1:1", 1);
        elapse(VISIBILITY);

        await("the lease expired and was reclaimed", () -> {
            StoreProbe.of(jobs).lease("w2:1", 0);
            return jobs.status(id).orElseThrow().state() == JobState.FAILED;
        });
        JobStatus<String> status = jobs.status(id).orElseThrow();
        assertThat(status.stalls()).isEqualTo(1);
        assertThat(status.error()).hasValueSatisfying(error -> assertThat(error).contains("stalled 1 times"));
    }

    @Test
    void onlyTheLeaseHolderCanFinishRenewOrReportOnAJob() {
        JobQueue<String, String> jobs = queue();
        String id = jobs.add("guarded").jobId();
        StoreProbe store = StoreProbe.of(jobs);
        assertThat(store.lease("owner:1", 1).leased()).hasSize(1);

        assertThat(store.completes(id, "intruder:1")).isFalse();
        assertThat(store.failsPermanently(id, "intruder:1", "x")).isFalse();
        assertThat(store.extend(Map.of(id, "intruder:1"))).containsExactly(id);
        assertThat(store.progress(id, "intruder:1", 10)).isFalse();
        assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

        assertThat(store.extend(Map.of(id, "owner:1"))).isEmpty();
        assertThat(store.progress(id, "owner:1", 10)).isTrue();
        assertThat(store.completes(id, "owner:1")).isTrue();
        assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void oneTurnCompletesSeveralJobsRefusesTheLostOnesAndLeasesTheNext() {
        JobQueue<String, String> jobs = queue();
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> jobs.add("job-" + i).jobId())
                .toList();
        StoreProbe store = StoreProbe.of(jobs);
        assertThat(store.lease("w:1", 3).leased()).hasSize(3);
        String next = jobs.add("next").jobId();
        jobs.add("after next");

        StoreProbe.Turn turn = store.complete(
                List.of(
                        Map.entry(ids.get(0), "w:1"),
                        Map.entry(ids.get(1), "intruder:1"),
                        Map.entry(ids.get(2), "w:1")),
                "w:2",
                1);

        assertThat(turn.lost()).containsExactly(ids.get(1));
        assertThat(turn.leased()).containsExactly(next);
        assertThat(turn.moreWaiting()).as("one job is left waiting").isTrue();
        assertThat(jobs.counts()).isEqualTo(new QueueCounts(1, 0, 2, 2, 0, 0));
        assertThat(jobs.status(ids.get(0)).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.status(ids.get(1)).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
        assertThat(store.lease("w:3", 5).moreWaiting())
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
        List<String> seen = new CopyOnWriteArrayList<>();
        JobWorker worker = jobs.worker(WorkerOptions.ofDefaults(), job -> {
            seen.add(job.payload());
            return "done " + job.payload();
        });

        String first = jobs.add("first").jobId();
        await("the first job ran", () -> seen.size() == 1 && worker.inFlight() == 0);
        assertThat(jobs.status(first).orElseThrow().state())
                .as("buffered until the next turn")
                .isEqualTo(JobState.ACTIVE);
        String second = jobs.add("second").jobId();
        awaitState(jobs, first, JobState.COMPLETED);
        await("the second job ran", () -> seen.size() == 2 && worker.inFlight() == 0);

        assertThat(worker.close(Duration.ofSeconds(5))).isTrue();
        JobStatus<String> status = jobs.status(second).orElseThrow();
        assertThat(status.state()).as("closing recorded it").isEqualTo(JobState.COMPLETED);
        assertThat(status.result()).contains("done second");
        assertThat(jobs.stats().completed()).isEqualTo(2);
        assertThat(seen).containsExactly("first", "second");
    }

    @Test
    void retentionBoundsFinishedJobs() {
        JobQueue<String, String> jobs = queue();
        JobOptions keepTwo = JobOptions.builder()
                .keepCompleted(Retention.keep(2, Duration.ofHours(1)))
                .build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(jobs.add("job-" + i, keepTwo).jobId());
        }
        AtomicInteger done = new AtomicInteger();
        jobs.worker(WorkerOptions.ofConcurrency(1), job -> {
            done.incrementAndGet();
            return null;
        });
        await("all ran", () -> done.get() == 5 && jobs.counts().unfinished() == 0);
        await("trimmed", () -> jobs.counts().completed() == 2);

        assertThat(jobs.status(ids.get(0))).isEmpty();
        assertThat(jobs.status(ids.get(4))).isPresent();
        String dropped = jobs.add(
                        "gone at once",
                        JobOptions.builder().keepCompleted(Retention.none()).build())
                .jobId();
        await("removed when finished", () -> jobs.status(dropped).isEmpty());
        assertThat(jobs.counts().completed()).isEqualTo(2);
    }

    @Test
    void anUndecodablePayloadFailsTheJob() {
        JobQueue<String, String> jobs = queue();
        String id = StoreProbe.of(jobs).addRaw("not an envelope".getBytes(StandardCharsets.UTF_8));

        jobs.worker(WorkerOptions.ofDefaults(), job -> "never");
        awaitState(jobs, id, JobState.FAILED);

        assertThat(jobs.status(id).orElseThrow().error())
                .hasValueSatisfying(error -> assertThat(error).contains("undecodable payload"));
    }

    @Test
    void aCodecThatThrowsFailsTheAttemptByTheJobsPolicyAndFreesTheSlot() {
        JobQueue<String, String> jobs = queue(
                JobQueueConfig.builder()
                        .visibilityTimeout(VISIBILITY)
                        .pollInterval(Duration.ofMillis(100))
                        .shutdownTimeout(Duration.ofSeconds(5))
                        .build(),
                ThrowingCodec.decoding("undecodable"),
                ThrowingCodec.encoding("result of unencodable"));
        String undecodable =
                jobs.add("undecodable", options().maxAttempts(2).build()).jobId();
        String unencodable =
                jobs.add("unencodable", options().maxAttempts(1).build()).jobId();
        List<String> good = IntStream.range(0, 3)
                .mapToObj(i -> jobs.add("good-" + i).jobId())
                .toList();
        List<String> handled = new CopyOnWriteArrayList<>();

        JobWorker worker = jobs.worker(WorkerOptions.ofConcurrency(1), job -> {
            handled.add(job.payload());
            return "result of " + job.payload();
        });
        good.forEach(id -> awaitState(jobs, id, JobState.COMPLETED));
        awaitState(jobs, undecodable, JobState.DEAD);
        awaitState(jobs, unencodable, JobState.DEAD);

        JobStatus<String> decodeFailed = jobs.status(undecodable).orElseThrow();
        assertThat(decodeFailed.failedAttempts())
                .as("retried by its policy, then dead")
                .isEqualTo(2);
        assertThat(decodeFailed.error())
                .hasValueSatisfying(error -> assertThat(error).contains("IllegalStateException: cannot decode"));
        assertThat(jobs.status(unencodable).orElseThrow().error())
                .hasValueSatisfying(error -> assertThat(error).contains("IllegalStateException: cannot encode"));
        assertThat(handled).containsExactlyInAnyOrder("unencodable", "good-0", "good-1", "good-2");
        assertThat(worker.inFlight()).as("every slot freed").isZero();
        JobQueueStats stats = jobs.stats();
        assertThat(stats.retried()).isEqualTo(1);
        assertThat(stats.dead()).isEqualTo(2);
        assertThat(stats.completed()).isEqualTo(3);
    }

    @Test
    void aResultTheCodecCannotReadLeavesItOutOfTheStatus() {
        JobQueue<String, String> jobs =
                queue(JobQueueConfig.ofDefaults(), Codec.string(), ThrowingCodec.decoding("result of x"));
        String id = jobs.add("x").jobId();
        jobs.worker(WorkerOptions.ofDefaults(), job -> "result of " + job.payload());

        awaitState(jobs, id, JobState.COMPLETED);
        assertThat(jobs.status(id).orElseThrow().result()).isEmpty();
    }

    @Test
    void aHandlerThatThrowsAVirtualMachineErrorFreesItsSlotAndItsJobRunsAgainAfterItsLease() {
        JobQueue<String, String> jobs = queue();
        AtomicInteger calls = new AtomicInteger();
        String id = jobs.add("deep recursion").jobId();

        JobWorker worker = jobs.worker(WorkerOptions.ofDefaults(), job -> {
            if (calls.incrementAndGet() == 1) {
                throw new StackOverflowError("thrown by the test");
            }
            return "ok";
        });
        await("the first attempt ended and freed its slot", () -> calls.get() == 1 && worker.inFlight() == 0);
        assertThat(jobs.status(id).orElseThrow().state())
                .as("nothing recorded: the JVM may be unfit to")
                .isEqualTo(JobState.ACTIVE);
        elapse(VISIBILITY);
        awaitState(jobs, id, JobState.COMPLETED);

        assertThat(jobs.status(id).orElseThrow().stalls()).isEqualTo(1);
        assertThat(calls.get()).isEqualTo(2);
    }

    /** A string codec that throws {@link IllegalStateException} decoding one value, or encoding one. */
    private static final class ThrowingCodec implements Codec<String> {
        private final String undecodable;
        private final String unencodable;

        private ThrowingCodec(String undecodable, String unencodable) {
            this.undecodable = undecodable;
            this.unencodable = unencodable;
        }

        static ThrowingCodec decoding(String value) {
            return new ThrowingCodec(value, "");
        }

        static ThrowingCodec encoding(String value) {
            return new ThrowingCodec("", value);
        }

        @Override
        public String id() {
            return "throwing";
        }

        @Override
        public byte[] encode(String value) {
            if (value.equals(unencodable)) {
                throw new IllegalStateException("cannot encode " + value);
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            String value = new String(bytes, StandardCharsets.UTF_8);
            if (value.equals(undecodable)) {
                throw new IllegalStateException("cannot decode " + value);
            }
            return value;
        }
    }

    @Test
    void unknownJobsHaveNoStatus() {
        JobQueue<String, String> jobs = queue();

        assertThat(jobs.status("missing")).isEmpty();
    }
}
