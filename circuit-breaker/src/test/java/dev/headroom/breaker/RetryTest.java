package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Long> attemptTimes = new ArrayList<>();

    private Retry retry(RetryConfig.Builder config) {
        return Retry.of("inventory", config.budget(RetryBudget.unlimited()).build(), scheduler, Runnable::run);
    }

    private <V> Callable<V> failingTimes(int failures, V then) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            attemptTimes.add(scheduler.ticker().nanoTime());
            if (calls.incrementAndGet() <= failures) {
                throw new IOException("attempt " + calls.get());
            }
            return then;
        };
    }

    @Test
    void retriesUntilAnAttemptSucceeds() throws Exception {
        Retry retry = retry(RetryConfig.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ofMillis(100))));

        assertThat(retry.call(failingTimes(2, "ok"))).isEqualTo("ok");

        assertThat(attemptTimes).hasSize(3);
        assertThat(retry.metrics().successfulAfterRetry()).isEqualTo(1);
        assertThat(retry.metrics().retries()).isEqualTo(2);
    }

    @Test
    void waitsTheBackoffBetweenAttemptsOnTheSchedulersClock() throws Exception {
        Retry retry = retry(RetryConfig.builder()
                .maxAttempts(4)
                .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1))));

        retry.call(failingTimes(3, "ok"));

        assertThat(attemptTimes)
                .containsExactly(
                        0L,
                        Duration.ofMillis(100).toNanos(),
                        Duration.ofMillis(300).toNanos(),
                        Duration.ofMillis(700).toNanos());
    }

    @Test
    void decorrelatedJitterSeesThePreviousDelay() throws Exception {
        Retry retry = retry(RetryConfig.builder()
                .maxAttempts(3)
                .backoff(Backoff.decorrelatedJitter(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 1.0)));

        retry.call(failingTimes(2, "ok"));

        // 100 ms * 3 = 300 ms, then 300 ms * 3 = 900 ms
        assertThat(attemptTimes)
                .containsExactly(
                        0L,
                        Duration.ofMillis(300).toNanos(),
                        Duration.ofMillis(1_200).toNanos());
    }

    @Test
    void throwsTheLastFailureUnwrappedWhenAttemptsRunOut() {
        Retry retry = retry(RetryConfig.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ZERO)));

        assertThatThrownBy(() -> retry.call(failingTimes(5, "never")))
                .isInstanceOf(IOException.class)
                .hasMessage("attempt 3");
        assertThat(retry.metrics().failedAfterRetry()).isEqualTo(1);
    }

    @Test
    void aFailureTheRuleDoesNotRetryIsThrownAtOnce() {
        Retry retry = retry(RetryConfig.builder().retryOn(error -> error instanceof IOException));
        IllegalArgumentException badInput = new IllegalArgumentException("bad input");

        assertThatThrownBy(() -> retry.run(() -> {
                    attemptTimes.add(0L);
                    throw badInput;
                }))
                .isSameAs(badInput);
        assertThat(attemptTimes).hasSize(1);
        assertThat(retry.metrics().failedWithoutRetry()).isEqualTo(1);
    }

    @Test
    void errorsAreNeverRetriedByDefault() {
        Retry retry = retry(RetryConfig.builder());
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
                    attempts.incrementAndGet();
                    throw new AssertionError("bug");
                }))
                .isInstanceOf(AssertionError.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesResultsTheRuleRejectsAndReturnsTheLastOneWhenAttemptsRunOut() throws Exception {
        Retry retry = retry(RetryConfig.builder()
                .maxAttempts(3)
                .backoff(Backoff.fixed(Duration.ofMillis(10)))
                .retryOnResult(result -> result instanceof Integer status && status == 503));
        AtomicInteger attempts = new AtomicInteger();

        Integer answer = retry.call(() -> attempts.incrementAndGet() < 3 ? 503 : 200);
        assertThat(answer).isEqualTo(200);

        Integer exhausted = retry.call(() -> 503);
        assertThat(exhausted).isEqualTo(503);
        assertThat(retry.metrics().successfulAfterRetry()).isEqualTo(1);
        assertThat(retry.metrics().failedAfterRetry()).isEqualTo(1);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        Retry retry = retry(RetryConfig.builder().maxAttempts(1));

        assertThatThrownBy(() -> retry.call(failingTimes(1, "never"))).isInstanceOf(IOException.class);
        assertThat(attemptTimes).hasSize(1);
        assertThat(retry.metrics().failedWithoutRetry()).isEqualTo(1);
    }

    @Test
    void aSuccessOnTheFirstAttemptIsCountedAsSuch() {
        Retry retry = retry(RetryConfig.builder());

        assertThat(retry.supply(() -> "fine")).isEqualTo("fine");
        assertThat(retry.metrics().successfulWithoutRetry()).isEqualTo(1);
        assertThat(retry.metrics().retries()).isZero();
    }

    @Test
    void anInterruptWhileWaitingStopsRetryingAndKeepsTheInterrupt() {
        Retry retry = Retry.of(
                "inventory",
                RetryConfig.builder().budget(RetryBudget.unlimited()).build(),
                new InterruptingScheduler(),
                Runnable::run);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
                    attempts.incrementAndGet();
                    throw new IOException("down");
                }))
                .isInstanceOf(IOException.class);

        assertThat(attempts).hasValue(1);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aRuleThatThrowsMeansDoNotRetry() {
        Retry retry = retry(RetryConfig.builder().retryOn(error -> {
            throw new IllegalStateException("buggy rule");
        }));

        assertThatThrownBy(() -> retry.call(failingTimes(1, "never"))).isInstanceOf(IOException.class);
        assertThat(attemptTimes).hasSize(1);
    }

    /** A scheduler whose sleeps are always interrupted. */
    private static final class InterruptingScheduler implements dev.headroom.core.Scheduler {
        private final ManualScheduler delegate = new ManualScheduler();

        @Override
        public dev.headroom.core.Ticker ticker() {
            return delegate.ticker();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            return delegate.schedule(task, delayNanos);
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            throw new InterruptedException("shutting down");
        }
    }
}
