package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * BullMQ's debounce dropped adds that arrived while the debounced job was active (bullmq#3151,
 * #3427): the burst's last state never ran. Here every submission that arrives during a run is
 * held, the latest winning, and runs exactly once after the active run.
 */
class BullMq3151FollowUpRegressionTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void submissionsDuringARunCauseExactlyOneFollowUpWithTheLatestPayload() {
        List<String> runs = new CopyOnWriteArrayList<>();
        CoalescingQueue<String, String>[] self = newArray();
        self[0] = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    runs.add(payload);
                    if (payload.equals("v1")) {
                        // Arrive while v1 runs.
                        assertThat(self[0].submit(key, "v2")).isEqualTo(SubmitOutcome.FOLLOW_UP);
                        assertThat(self[0].submit(key, "v3")).isEqualTo(SubmitOutcome.COALESCED);
                        assertThat(self[0].submit(key, "v4")).isEqualTo(SubmitOutcome.COALESCED);
                    }
                    return payload;
                })
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();

        self[0].submit("client-7:2026-05-01", "v1");
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(runs).containsExactly("v1");
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(runs).containsExactly("v1", "v4");
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(runs).containsExactly("v1", "v4");
        assertThat(self[0].stats().pending()).isZero();
    }

    @Test
    void aFollowUpThatIsAlreadyDueRunsAsSoonAsTheActiveRunEnds() {
        List<String> runs = new CopyOnWriteArrayList<>();
        CoalescingQueue<String, String>[] self = newArray();
        self[0] = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    runs.add(payload);
                    if (payload.equals("v1")) {
                        self[0].submit(key, "v2");
                        scheduler.ticker().advance(Duration.ofSeconds(5)); // the run is slower than the window
                    }
                    return payload;
                })
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();

        self[0].submit("k", "v1");
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(runs).containsExactly("v1", "v2");
    }

    @Test
    void concurrentSubmissionsDuringABlockedRunCollapseIntoOneFollowUp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRun = new CountDownLatch(1);
        CountDownLatch followUpRan = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        List<String> runs = new CopyOnWriteArrayList<>();
        try {
            CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        runs.add(payload);
                        if (payload.equals("first")) {
                            firstRunStarted.countDown();
                            releaseFirstRun.await(10, TimeUnit.SECONDS);
                        } else {
                            followUpRan.countDown();
                        }
                        concurrent.decrementAndGet();
                        return payload;
                    })
                    .config(CoalescingConfig.builder().debounce(Duration.ZERO).build())
                    .scheduler(scheduler)
                    .executor(pool)
                    .build();

            queue.submit("k", "first");
            assertThat(firstRunStarted.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch submitted = new CountDownLatch(4);
            for (int t = 0; t < 3; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < 1000; i++) {
                        queue.submit("k", "t" + thread + "-" + i);
                    }
                    submitted.countDown();
                });
            }
            pool.execute(() -> {
                queue.submit("k", "warmup");
                submitted.countDown();
            });
            assertThat(submitted.await(10, TimeUnit.SECONDS)).isTrue();
            queue.submit("k", "latest");
            releaseFirstRun.countDown();

            assertThat(followUpRan.await(10, TimeUnit.SECONDS)).isTrue();
            ShutdownReport<String, String> report = queue.shutdown(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(10));
            assertThat(report.complete()).isTrue();
            assertThat(runs).containsExactly("first", "latest");
            assertThat(maxConcurrent.get()).isEqualTo(1);
            assertThat(queue.stats().coalesced()).isEqualTo(3001);
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    private static CoalescingQueue<String, String>[] newArray() {
        return (CoalescingQueue<String, String>[]) new CoalescingQueue<?, ?>[1];
    }
}
