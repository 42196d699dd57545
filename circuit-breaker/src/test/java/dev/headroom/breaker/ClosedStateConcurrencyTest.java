package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedStateConcurrencyTest {

    private static final int THREADS = 64;
    private static final int CALLS_PER_THREAD = 5_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final ManualTicker ticker = new ManualTicker();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyReportIsCountedExactlyOnce() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.of(
                "counts",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(100))
                        .failureRateThreshold(100)
                        .build(),
                ticker);

        runOnAllThreads(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                BreakerPermit permit = breaker.tryAcquirePermit();
                if (i % 10 == 0) {
                    permit.onError(new IllegalStateException(), millis(1));
                } else {
                    permit.onSuccess(millis(1));
                }
            }
        });

        long total = (long) THREADS * CALLS_PER_THREAD;
        assertThat(breaker.stats().failedCalls()).isEqualTo(total / 10);
        assertThat(breaker.stats().successfulCalls()).isEqualTo(total - total / 10);
        assertThat(breaker.stats().judgedCalls()).isEqualTo(100);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void theWindowsTotalsMatchItsContentsAfterAStorm() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.of(
                "storm",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(50))
                        .minimumCalls(50)
                        .failureRateThreshold(100)
                        .slowCallRateThreshold(100)
                        .slowCallDuration(Duration.ofSeconds(1))
                        .build(),
                ticker);

        runOnAllThreads(thread -> {
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                BreakerPermit permit = breaker.tryAcquirePermit();
                switch ((thread + i) % 3) {
                    case 0 -> permit.onSuccess(millis(1));
                    case 1 -> permit.onSuccess(millis(1_500));
                    default -> permit.onError(new IllegalStateException(), millis(1));
                }
            }
        });
        for (int i = 0; i < 50; i++) {
            breaker.tryAcquirePermit().onSuccess(millis(1)); // overwrite the whole ring, single-threaded
        }

        assertThat(breaker.stats().judgedCalls()).isEqualTo(50);
        assertThat(breaker.stats().failureRate()).isZero();
        assertThat(breaker.stats().slowCallRate()).isZero();
    }

    @Test
    void manyThreadsFailingTripTheBreakerExactlyOnce() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.of(
                "trip",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(100))
                        .minimumCalls(10)
                        .build(),
                ticker);
        List<StateTransition> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
        breaker.addListener(transitions::add);

        runOnAllThreads(thread -> {
            for (int i = 0; i < 100; i++) {
                breaker.tryAcquirePermit().onError(new IllegalStateException(), millis(1));
            }
        });

        assertThat(transitions)
                .singleElement()
                .satisfies(transition -> assertThat(transition.to()).isEqualTo(State.OPEN));
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
            future.get(60, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread);
    }
}
