package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingShutdownTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> runs = new CopyOnWriteArrayList<>();

    private CoalescingQueue<String, String> queue() {
        return CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    runs.add(key + "=" + payload);
                    return payload;
                })
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
    }

    @Test
    void runPendingRunsEveryPendingPayloadNowIgnoringTheWindow() {
        CoalescingQueue<String, String> queue = queue();
        queue.submit("a", "1");
        queue.submit("b", "2");

        ShutdownReport<String, String> report = queue.shutdown(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(5));

        assertThat(runs).containsExactlyInAnyOrder("a=1", "b=2");
        assertThat(report.complete()).isTrue();
        assertThat(scheduler.ticker().nanoTime()).as("no time passed").isZero();
    }

    @Test
    void dropPendingRunsNothingAndReportsWhatItDropped() {
        CoalescingQueue<String, String> queue = queue();
        queue.submit("a", "1");
        queue.submit("b", "2");
        queue.submit("b", "3");

        ShutdownReport<String, String> report = queue.shutdown(ShutdownPolicy.DROP_PENDING, Duration.ofSeconds(5));
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(runs).isEmpty();
        assertThat(report.notRun()).isEqualTo(Map.of("a", "1", "b", "3"));
        assertThat(report.stillRunning()).isEmpty();
        assertThat(queue.stats().pending()).isZero();
    }

    @Test
    void waitsForRunningWorkUpToTheTimeoutAndReportsWhatIsStillRunning() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                        started.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        return payload;
                    })
                    .config(CoalescingConfig.builder().debounce(Duration.ZERO).build())
                    .scheduler(scheduler)
                    .executor(pool)
                    .build();
            queue.submit("slow", "1");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.submit("slow", "follow-up")).isEqualTo(SubmitOutcome.FOLLOW_UP);

            CompletableFuture<ShutdownReport<String, String>> report =
                    queue.shutdownAsync(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(30));
            scheduler.advance(Duration.ofSeconds(29));
            assertThat(report).isNotDone();
            scheduler.advance(Duration.ofSeconds(1));

            assertThat(report).isDone();
            assertThat(report.join().stillRunning()).isEqualTo(Set.of("slow"));
            assertThat(report.join().notRun()).isEqualTo(Map.of("slow", "follow-up"));
            assertThat(queue.shutdownAsync(ShutdownPolicy.DROP_PENDING, Duration.ZERO))
                    .as("idempotent")
                    .isSameAs(report);
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFollowUpHeldDuringShutdownRunsWhenTheActiveRunEnds() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                        runs.add(payload);
                        if (payload.equals("1")) {
                            started.countDown();
                            release.await(10, TimeUnit.SECONDS);
                        }
                        return payload;
                    })
                    .config(CoalescingConfig.builder().debounce(Duration.ZERO).build())
                    .scheduler(scheduler)
                    .executor(pool)
                    .build();
            queue.submit("k", "1");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            queue.submit("k", "2");

            CompletableFuture<ShutdownReport<String, String>> report =
                    queue.shutdownAsync(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(30));
            release.countDown();

            assertThat(report.get(10, TimeUnit.SECONDS).complete()).isTrue();
            assertThat(runs).containsExactly("1", "2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunThatFailsDuringShutdownIsReportedNotRetried() {
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    throw new IllegalStateException("down");
                })
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
        queue.submit("k", "v");

        ShutdownReport<String, String> report = queue.shutdown(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(5));

        assertThat(report.notRun()).isEqualTo(Map.of("k", "v"));
        assertThat(queue.stats().retried()).isZero();
    }

    @Test
    void closeRunsPendingWork() {
        CoalescingQueue<String, String> queue = queue();
        queue.submit("k", "v");

        queue.close();

        assertThat(runs).containsExactly("k=v");
    }
}
