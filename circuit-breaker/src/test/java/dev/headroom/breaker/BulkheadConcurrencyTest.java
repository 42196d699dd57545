package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exact counts under 64 threads: never more in flight than allowed, nothing lost or duplicated. */
class BulkheadConcurrencyTest {

    private static final int THREADS = 64;
    private static final int CALLS_PER_THREAD = 2_000;
    private static final List<Priority> PRIORITIES = List.of(Priority.values());

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final ManualScheduler scheduler = new ManualScheduler(); // never advanced: no timeouts

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitingCallersAllRunAndNeverMoreThanTheLimitAtOnce() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(
                "db",
                BulkheadConfig.builder()
                        .maxConcurrentCalls(8)
                        .maxQueueSize(THREADS)
                        .build(),
                scheduler);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();

        runOnAllThreads(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                BulkheadPermit permit = bulkhead.acquire(PRIORITIES.get((thread + i) % PRIORITIES.size()));
                assertThat(permit.isGranted()).isTrue();
                try {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    ran.incrementAndGet();
                    running.decrementAndGet();
                } finally {
                    permit.release();
                }
            }
        });

        assertThat(maxRunning.get()).isBetween(1, 8);
        assertThat(ran).hasValue(THREADS * CALLS_PER_THREAD);
        assertThat(bulkhead.metrics().inFlight()).isZero();
        assertThat(bulkhead.metrics().queueDepth()).isZero();
        long granted = 0;
        for (Priority priority : Priority.values()) {
            granted += bulkhead.metrics().granted(priority);
        }
        assertThat(granted).isEqualTo((long) THREADS * CALLS_PER_THREAD);
    }

    @Test
    void tryAcquireGrantsPlusRefusalsAddUpAndTheLimitHolds() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(
                "cache", BulkheadConfig.builder().maxConcurrentCalls(5).build(), scheduler);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger grants = new AtomicInteger();

        runOnAllThreads(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                BulkheadPermit permit = bulkhead.tryAcquire(Priority.NORMAL);
                if (permit.isGranted()) {
                    grants.incrementAndGet();
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    running.decrementAndGet();
                    permit.release();
                }
            }
        });

        assertThat(maxRunning.get()).isBetween(1, 5);
        assertThat(bulkhead.metrics().granted(Priority.NORMAL)).isEqualTo(grants.get());
        assertThat(grants.get() + bulkhead.metrics().rejected(Priority.NORMAL, BulkheadRejection.NO_CAPACITY))
                .isEqualTo((long) THREADS * CALLS_PER_THREAD);
    }

    @Test
    void reservationsHoldUnderContention() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(
                "api",
                BulkheadConfig.builder()
                        .maxConcurrentCalls(10)
                        .guaranteedShare(Priority.CRITICAL, 0.3)
                        .maxQueueSize(THREADS)
                        .build(),
                scheduler);
        AtomicInteger runningTotal = new AtomicInteger();
        AtomicInteger runningOthers = new AtomicInteger();
        AtomicInteger maxTotal = new AtomicInteger();
        AtomicInteger maxOthers = new AtomicInteger();

        runOnAllThreads(thread -> {
            Priority priority = thread % 4 == 0 ? Priority.CRITICAL : Priority.LOW;
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                BulkheadPermit permit = bulkhead.acquire(priority);
                assertThat(permit.isGranted()).isTrue();
                maxTotal.accumulateAndGet(runningTotal.incrementAndGet(), Math::max);
                if (priority != Priority.CRITICAL) {
                    maxOthers.accumulateAndGet(runningOthers.incrementAndGet(), Math::max);
                    runningOthers.decrementAndGet();
                }
                runningTotal.decrementAndGet();
                permit.release();
            }
        });

        assertThat(maxTotal.get()).isLessThanOrEqualTo(10);
        assertThat(maxOthers.get()).isLessThanOrEqualTo(7); // three slots stay CRITICAL's
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    private void runOnAllThreads(ThreadBody body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                body.run(thread);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }
}
