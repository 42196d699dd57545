package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingQueueTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final List<CoalescingQueue<String, String>> opened = new ArrayList<>();

    @AfterEach
    void closeQueues() {
        for (CoalescingQueue<String, String> queue : opened) {
            CompletableFuture<ShutdownReport<String, String>> unused =
                    queue.shutdownAsync(ShutdownPolicy.DROP_PENDING, Duration.ZERO);
        }
    }

    private CoalescingQueue<String, String> queue(CoalescingConfig config) {
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    runs.add(key + "=" + payload);
                    return payload.toUpperCase(java.util.Locale.ROOT);
                })
                .config(config)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
        opened.add(queue);
        return queue;
    }

    private CoalescingQueue<String, String> queue() {
        return queue(CoalescingConfig.ofDefaults());
    }

    @Test
    void aBurstForOneKeyRunsOnceWithTheLatestPayload() {
        CoalescingQueue<String, String> queue = queue();

        assertThat(queue.submit("client-1:2026-05-01", "v1")).isEqualTo(SubmitOutcome.SCHEDULED);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(queue.submit("client-1:2026-05-01", "v2")).isEqualTo(SubmitOutcome.COALESCED);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(queue.submit("client-1:2026-05-01", "v3")).isEqualTo(SubmitOutcome.COALESCED);
        scheduler.advance(Duration.ofMillis(2999));
        assertThat(runs).isEmpty();

        scheduler.advance(Duration.ofMillis(1));

        assertThat(runs).containsExactly("client-1:2026-05-01=v3");
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(runs).hasSize(1);
        assertThat(queue.stats())
                .extracting(
                        CoalescingStats::enqueued,
                        CoalescingStats::coalesced,
                        CoalescingStats::started,
                        CoalescingStats::completed,
                        CoalescingStats::pending,
                        CoalescingStats::running)
                .containsExactly(3L, 2L, 1L, 1L, 0L, 0L);
    }

    @Test
    void runsOnTheTrailingEdgeOfTheDebounceWindow() {
        CoalescingQueue<String, String> queue =
                queue(CoalescingConfig.builder().debounce(Duration.ofSeconds(3)).build());

        queue.submit("k", "a");
        scheduler.advance(Duration.ofSeconds(2));
        queue.submit("k", "b");
        scheduler.advance(Duration.ofMillis(2999));
        assertThat(runs)
                .as("3 s after the first submission, 1 s after the last")
                .isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(runs).containsExactly("k=b");
    }

    @Test
    void maxWaitLetsASteadyStreamRun() {
        CoalescingQueue<String, String> queue = queue(CoalescingConfig.builder()
                .debounce(Duration.ofSeconds(3))
                .maxWait(Duration.ofSeconds(10))
                .build());

        for (int second = 0; second < 30; second++) {
            queue.submit("k", "s" + second);
            scheduler.advance(Duration.ofSeconds(1));
        }

        assertThat(runs).containsExactly("k=s9", "k=s19", "k=s29");
    }

    @Test
    void keysRunIndependently() {
        CoalescingQueue<String, String> queue = queue();

        queue.submit("a", "1");
        scheduler.advance(Duration.ofSeconds(2));
        queue.submit("b", "1");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(runs).containsExactly("a=1");
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(runs).containsExactly("a=1", "b=1");
    }

    @Test
    void zeroDebounceRunsAtOnce() {
        CoalescingQueue<String, String> queue =
                queue(CoalescingConfig.builder().debounce(Duration.ZERO).build());

        queue.submit("k", "now");

        assertThat(runs).containsExactly("k=now");
    }

    @Test
    void submissionsWhileQueuedForAFreeSlotCoalesceIntoThatRun() {
        QueuedExecutor executor = new QueuedExecutor();
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    runs.add(key + "=" + payload);
                    return payload;
                })
                .scheduler(scheduler)
                .executor(executor)
                .build();
        opened.add(queue);

        queue.submit("k", "v1");
        scheduler.advance(Duration.ofSeconds(3));
        assertThat(executor.size()).isEqualTo(1);
        assertThat(queue.submit("k", "v2")).isEqualTo(SubmitOutcome.COALESCED);
        executor.runAll();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(runs).containsExactly("k=v2");
        assertThat(executor.size()).isZero();
    }

    @Test
    void maxConcurrentRunsCapsRunsAcrossKeys() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        CountDownLatch threeStarted = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                        int now = inFlight.incrementAndGet();
                        maxInFlight.accumulateAndGet(now, Math::max);
                        threeStarted.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        inFlight.decrementAndGet();
                        done.countDown();
                        return payload;
                    })
                    .config(CoalescingConfig.builder()
                            .debounce(Duration.ZERO)
                            .maxConcurrentRuns(3)
                            .build())
                    .scheduler(scheduler)
                    .executor(pool)
                    .build();
            opened.add(queue);

            for (int i = 0; i < 20; i++) {
                queue.submit("k" + i, "p");
            }
            assertThat(threeStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(inFlight.get()).isEqualTo(3);
            release.countDown();

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(maxInFlight.get()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsSubmittingNeverRunAKeyTwiceAtOnceAndTheLastPayloadAlwaysRuns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Map<String, String> lastRun = new ConcurrentHashMap<>();
        try {
            CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                        if (runningPerKey
                                        .computeIfAbsent(key, k -> new AtomicInteger())
                                        .incrementAndGet()
                                > 1) {
                            overlaps.incrementAndGet();
                        }
                        lastRun.put(key, payload);
                        runningPerKey.get(key).decrementAndGet();
                        return payload;
                    })
                    .config(CoalescingConfig.builder().debounce(Duration.ZERO).build())
                    .scheduler(scheduler)
                    .executor(pool)
                    .build();
            opened.add(queue);
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                producers.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 5_000; i++) {
                                queue.submit("k" + (i % 50), thread + ":" + i);
                            }
                        },
                        submitters));
            }
            CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            queue.submit("final", "x");
            for (int k = 0; k < 50; k++) {
                queue.submit("k" + k, "last");
            }
            ShutdownReport<String, String> report = queue.shutdownAsync(
                            ShutdownPolicy.RUN_PENDING, Duration.ofMinutes(1))
                    .get(30, TimeUnit.SECONDS);

            assertThat(report.complete()).isTrue();
            assertThat(overlaps.get()).isZero();
            for (int k = 0; k < 50; k++) {
                assertThat(lastRun.get("k" + k)).as("key k" + k).isEqualTo("last");
            }
            CoalescingStats stats = queue.stats();
            assertThat(stats.enqueued()).isEqualTo(20_051);
            assertThat(stats.started()).isEqualTo(stats.completed());
            assertThat(stats.enqueued() - stats.coalesced()).isEqualTo(stats.started());
            assertThat(stats.pending()).isZero();
            assertThat(stats.running()).isZero();
        } finally {
            pool.shutdownNow();
            submitters.shutdownNow();
        }
    }

    @Test
    void theDefaultExecutorRunsWork() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    ran.countDown();
                    return payload;
                })
                .config(CoalescingConfig.builder().debounce(Duration.ZERO).build())
                .build()) {
            queue.submit("k", "v");
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void submitRejectsAfterShutdown() {
        CoalescingQueue<String, String> queue = queue();
        queue.shutdown(ShutdownPolicy.DROP_PENDING, Duration.ZERO);

        assertThat(queue.submit("k", "late")).isEqualTo(SubmitOutcome.REJECTED);
        assertThat(queue.stats().rejected()).isEqualTo(1);
        assertThat(Collections.unmodifiableList(runs)).isEmpty();
    }
}
