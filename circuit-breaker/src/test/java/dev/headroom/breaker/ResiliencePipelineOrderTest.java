package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualScheduler;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.internal.DefaultExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented order: fallback -> circuit breaker -> adaptive throttle -> retry -> time limiter
 * -> bulkhead -> call. Each test pins one consequence of one adjacency.
 */
class ResiliencePipelineOrderTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "payments",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(10))
                    .minimumCalls(10)
                    .build(),
            scheduler.ticker());
    private final AdaptiveThrottle throttle =
            AdaptiveThrottle.of("payments", AdaptiveThrottleConfig.ofDefaults(), scheduler.ticker(), () -> 0.5);
    private final TimeLimiter timeLimiter = TimeLimiter.of(
            "payments",
            TimeLimiterConfig.builder().timeout(Duration.ofMillis(50)).build(),
            scheduler,
            DefaultExecutor.shared());
    private final Bulkhead bulkhead = Bulkhead.of(
            "payments", BulkheadConfig.builder().maxConcurrentCalls(1).build(), scheduler);

    @AfterEach
    void stopThreads() throws InterruptedException {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private Retry retry(int attempts, Scheduler waits) {
        return Retry.of(
                "payments",
                RetryConfig.builder()
                        .maxAttempts(attempts)
                        .backoff(Backoff.fixed(Duration.ofMillis(10)))
                        .budget(RetryBudget.unlimited())
                        .build(),
                waits,
                Runnable::run);
    }

    @Test
    void theLayersFollowTheDocumentedOrderWhateverTheBuilderOrder() {
        Retry retry = retry(3, scheduler);

        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .bulkhead(bulkhead)
                .timeLimiter(timeLimiter)
                .retry(retry)
                .adaptiveThrottle(throttle)
                .circuitBreaker(breaker)
                .build();

        assertThat(pipeline.layers()).containsExactly(breaker, throttle, retry, timeLimiter, bulkhead);
        assertThat(pipeline.toString())
                .startsWith("ResiliencePipeline[fallback -> CircuitBreaker{payments")
                .endsWith("Bulkhead{payments, inFlight=0, queued=0} -> call]");
    }

    @Test
    void theBreakerJudgesEachLogicalCallOnceAfterItsRetries() {
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .circuitBreaker(breaker)
                .retry(retry(3, scheduler))
                .build();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> pipeline.call(() -> {
                    attempts.incrementAndGet();
                    throw new IOException("declined");
                }))
                .isInstanceOf(IOException.class);

        assertThat(attempts).hasValue(3);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void anOpenBreakerRefusesBeforeAnyAttemptAndTheFallbackAnswers() {
        Retry retry = retry(3, scheduler);
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .circuitBreaker(breaker)
                .retry(retry)
                .bulkhead(bulkhead)
                .build();
        breaker.transitionTo(State.FORCED_OPEN);
        AtomicInteger attempts = new AtomicInteger();

        String answer = pipeline.call(
                () -> {
                    attempts.incrementAndGet();
                    return "charged";
                },
                failure -> "queued for later: " + failure.getClass().getSimpleName());

        assertThat(answer).isEqualTo("queued for later: CallNotPermittedException");
        assertThat(attempts).hasValue(0);
        assertThat(retry.metrics().failedWithoutRetry()).isZero();
        assertThat(bulkhead.metrics().granted(Priority.NORMAL)).isZero();
    }

    @Test
    void eachAttemptGetsItsOwnTimeLimit() {
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .retry(retry(3, scheduler))
                .timeLimiter(timeLimiter)
                .build();
        List<CompletableFuture<String>> attempts = new ArrayList<>();

        CompletionStage<String> result = pipeline.callAsync(() -> {
            CompletableFuture<String> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            return attempt;
        });
        scheduler.advance(Duration.ofMillis(50)); // the first attempt times out and is cancelled
        assertThat(attempts.get(0)).isCancelled();
        scheduler.advance(Duration.ofMillis(10)); // the backoff, then a fresh 50 ms for attempt two
        attempts.get(1).complete("charged");

        assertThat(result.toCompletableFuture().join()).isEqualTo("charged");
        assertThat(timeLimiter.metrics().timedOutCalls()).isEqualTo(1);
    }

    @Test
    void theBulkheadSlotIsHeldDuringAttemptsButNotDuringBackoff() throws Exception {
        List<Integer> inFlightDuringAttempts = new ArrayList<>();
        List<Integer> inFlightDuringBackoff = new ArrayList<>();
        Scheduler recordingWaits = new RecordingScheduler(
                scheduler, () -> inFlightDuringBackoff.add(bulkhead.metrics().inFlight()));
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .retry(retry(3, recordingWaits))
                .bulkhead(bulkhead)
                .build();

        String answer = pipeline.call(() -> {
            inFlightDuringAttempts.add(bulkhead.metrics().inFlight());
            if (inFlightDuringAttempts.size() < 3) {
                throw new IOException("declined");
            }
            return "charged";
        });

        assertThat(answer).isEqualTo("charged");
        assertThat(inFlightDuringAttempts).containsExactly(1, 1, 1);
        assertThat(inFlightDuringBackoff).containsExactly(0, 0);
    }

    @Test
    void theTimeLimitCoversWaitingForABulkheadSlotAndWithdrawsTheWaiter() throws Exception {
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .timeLimiter(timeLimiter)
                .bulkhead(bulkhead)
                .build();
        BulkheadPermit occupied = bulkhead.tryAcquire(Priority.CRITICAL);

        Future<String> caller = callers.submit(() -> pipeline.call(() -> "never"));
        Await.until("the attempt waits for a slot", () -> bulkhead.metrics().queueDepth() == 1);
        scheduler.advance(Duration.ofMillis(50));

        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TimeLimitExceededException.class);
        Await.until("the waiter is withdrawn", () -> bulkhead.metrics().queueDepth() == 0);
        occupied.release();
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void anInnerRefusalReachesTheFallbackWithoutRetryAndWithoutCountingAgainstTheBreaker() {
        Retry retry = retry(3, scheduler);
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .circuitBreaker(breaker)
                .retry(retry)
                .bulkhead(Bulkhead.of(
                        "full",
                        BulkheadConfig.builder()
                                .maxConcurrentCalls(1)
                                .maxQueueSize(0)
                                .build(),
                        scheduler))
                .build();
        Bulkhead full = (Bulkhead) pipeline.layers().get(2);
        full.tryAcquire(Priority.NORMAL);

        String answer = pipeline.supply(() -> "charged", failure -> "busy: " + failure.getMessage());

        assertThat(answer).isEqualTo("busy: Bulkhead 'full' refused a NORMAL call: QUEUE_FULL");
        assertThat(retry.metrics().failedWithoutRetry()).isEqualTo(1);
        assertThat(breaker.metrics().failedCalls()).isZero();
        assertThat(breaker.metrics().ignoredCalls()).isEqualTo(1);
    }

    @Test
    void theCallRunsInsideEveryLayer() throws Exception {
        Thread caller = Thread.currentThread();
        ResiliencePipeline pipeline = ResiliencePipeline.builder()
                .circuitBreaker(breaker)
                .adaptiveThrottle(throttle)
                .retry(retry(3, scheduler))
                .timeLimiter(timeLimiter)
                .bulkhead(bulkhead, Priority.HIGH)
                .build();

        String inside = pipeline.call(() -> (Thread.currentThread() != caller ? "worker thread" : "caller thread")
                + ", HIGH slots " + bulkhead.metrics().inFlight(Priority.HIGH));

        assertThat(inside).isEqualTo("worker thread, HIGH slots 1");
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(1);
        assertThat(throttle.metrics().accepts()).isEqualTo(1);
        assertThat(timeLimiter.metrics().successfulCalls()).isEqualTo(1);
        assertThat(bulkhead.metrics().inFlight()).isZero();
    }

    @Test
    void anEmptyPipelineJustCalls() throws Exception {
        ResiliencePipeline pipeline = ResiliencePipeline.builder().build();

        assertThat(pipeline.call(() -> "direct")).isEqualTo("direct");
        assertThat(pipeline.callAsync(() -> CompletableFuture.completedFuture("direct"), failure -> "fallback")
                        .toCompletableFuture()
                        .join())
                .isEqualTo("direct");
        assertThat(pipeline).hasToString("ResiliencePipeline[fallback -> call]");
    }

    /** Delegates to a scheduler and runs a hook at every sleep. */
    private static final class RecordingScheduler implements Scheduler {
        private final Scheduler delegate;
        private final Runnable onSleep;

        RecordingScheduler(Scheduler delegate, Runnable onSleep) {
            this.delegate = delegate;
            this.onSleep = onSleep;
        }

        @Override
        public Ticker ticker() {
            return delegate.ticker();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            return delegate.schedule(task, delayNanos);
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            onSleep.run();
            delegate.sleep(nanos);
        }
    }
}
