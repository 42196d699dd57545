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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Regression for resilience4j#1090 (and polly#216, failsafe#391): under concurrency, half-open let
 * through more calls than its permitted number. Here admission is one compare-and-set on a count
 * that cannot pass {@code halfOpenProbes}.
 */
class HalfOpenTooManyProbesRegressionTest {

    private static final int THREADS = 64;
    private static final int PROBES = 5;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "search",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .halfOpenProbes(PROBES)
                    .build(),
            ticker);

    HalfOpenTooManyProbesRegressionTest() {
        Breakers.tripAndWait(breaker, ticker, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @RepeatedTest(20)
    void sixtyFourThreadsRacingIntoHalfOpenGetExactlyTheConfiguredProbes() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int attempt = 0; attempt < 100; attempt++) {
                    if (breaker.tryAcquirePermit().isPermitted()) {
                        admitted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(10, TimeUnit.SECONDS);
        }

        assertThat(admitted).hasValue(PROBES);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.stats().rejectedCalls()).isEqualTo(THREADS * 100L - PROBES);
    }

    @Test
    void probesReleasedAndRetakenByManyThreadsNeverExceedTheLimitAtOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger maxOutstanding = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int attempt = 0; attempt < 2_000; attempt++) {
                    BreakerPermit permit = breaker.tryAcquirePermit();
                    if (permit.isPermitted()) {
                        admitted.incrementAndGet();
                        maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                        outstanding.decrementAndGet();
                        permit.release(); // cancelled: the slot goes back
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(30, TimeUnit.SECONDS);
        }

        assertThat(maxOutstanding.get()).isBetween(1, PROBES);
        assertThat(breaker.stats().ignoredCalls()).isEqualTo(admitted.get());
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void aRoundJudgedByManyThreadsEndsInExactlyOneTransition() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger closings = new AtomicInteger();
        breaker.addListener(transition -> {
            if (transition.to() == State.CLOSED) {
                closings.incrementAndGet();
            }
        });
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                start.await();
                BreakerPermit permit = breaker.tryAcquirePermit();
                permit.onSuccess(millis(1));
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(10, TimeUnit.SECONDS);
        }

        assertThat(closings).hasValue(1);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }
}
