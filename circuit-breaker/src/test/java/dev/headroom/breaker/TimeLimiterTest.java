package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.internal.DefaultExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeLimiterTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final TimeLimiter limiter = TimeLimiter.of(
            "reports", TimeLimiterConfig.builder().timeout(TIMEOUT).build(), scheduler, DefaultExecutor.shared());

    @AfterEach
    void stopThreads() throws InterruptedException {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallThatFinishesInTimeReturnsItsResultAndCancelsItsTimer() throws Exception {
        assertThat(limiter.call(() -> "fast")).isEqualTo("fast");

        assertThat(scheduler.pendingTasks()).isZero();
        assertThat(limiter.metrics().successfulCalls()).isEqualTo(1);
    }

    @Test
    void theCallRunsOnTheExecutorNotOnTheCallersThread() throws Exception {
        Thread caller = Thread.currentThread();

        Thread worker = limiter.call(Thread::currentThread);

        assertThat(worker).isNotSameAs(caller);
        assertThat(worker.isDaemon()).isTrue();
    }

    @Test
    void atTheTimeoutTheWorkIsInterruptedAndTheCallerGetsTheTimeout() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean workInterrupted = new AtomicBoolean();
        Future<String> caller = callers.submit(() -> limiter.call(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // hangs until interrupted
                return "never";
            } catch (InterruptedException e) {
                workInterrupted.set(true);
                throw e;
            }
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        scheduler.advance(TIMEOUT);

        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TimeLimitExceededException.class);
        awaitTrue(workInterrupted);
        assertThat(limiter.metrics().timedOutCalls()).isEqualTo(1);
    }

    @Test
    void justBeforeTheTimeoutNothingHappens() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> caller = callers.submit(() -> limiter.call(() -> {
            started.countDown();
            release.await();
            return "just in time";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        scheduler.advance(TIMEOUT.minusNanos(1));
        release.countDown();

        assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("just in time");
    }

    @Test
    void workThatIgnoresTheInterruptIsReportedOverdueUntilItStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Future<String> caller = callers.submit(() -> limiter.call(() -> {
            started.countDown();
            awaitUninterruptibly(finish);
            finished.set(true);
            return "late";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        scheduler.advance(TIMEOUT);

        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeLimitExceededException.class);
        assertThat(limiter.metrics().overdueCalls()).isEqualTo(1);
        finish.countDown();
        awaitTrue(finished);
        awaitZero(limiter);
    }

    @Test
    void timeSpentWaitingForAThreadCountsAndTheWorkNeverStarts() {
        List<Runnable> queued = new ArrayList<>();
        TimeLimiter starved = TimeLimiter.of(
                "starved", TimeLimiterConfig.builder().timeout(TIMEOUT).build(), scheduler, queued::add);
        AtomicBoolean ran = new AtomicBoolean();

        Future<String> caller = callers.submit(() -> starved.call(() -> {
            ran.set(true);
            return "never";
        }));
        awaitPending(1);
        scheduler.advance(TIMEOUT);

        assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeLimitExceededException.class);
        queued.forEach(Runnable::run);
        assertThat(ran).isFalse();
        assertThat(starved.metrics().overdueCalls()).isZero();
    }

    @Test
    void anExecutorThatRefusesFailsTheCallAndLeavesNoTimer() {
        TimeLimiter refusing = TimeLimiter.of("refusing", TimeLimiterConfig.ofDefaults(), scheduler, task -> {
            throw new RejectedExecutionException("full");
        });

        assertThatThrownBy(() -> refusing.call(() -> "never")).isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void theWorksOwnExceptionReachesTheCallerUnwrapped() {
        IOException failure = new IOException("disk full");

        assertThatThrownBy(() -> limiter.call(() -> {
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(limiter.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void errorsReachTheCallerUnwrapped() {
        AssertionError bug = new AssertionError("bug");

        assertThatThrownBy(() -> limiter.run(() -> {
                    throw bug;
                }))
                .isSameAs(bug);
    }

    @Test
    void aCallerInterruptedWhileWaitingInterruptsTheWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean workInterrupted = new AtomicBoolean();
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        Future<Throwable> caller = callers.submit(() -> {
            callerThread.set(Thread.currentThread());
            try {
                limiter.call(() -> {
                    started.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        workInterrupted.set(true);
                    }
                    return "never";
                });
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        callerThread.get().interrupt();

        assertThat(caller.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        awaitTrue(workInterrupted);
    }

    @Test
    void theTimeoutExceptionNamesTheLimiterAndTheTimeoutAndHasNoStackTrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<String> caller = callers.submit(() -> limiter.call(() -> {
            started.countDown();
            new CountDownLatch(1).await();
            return "never";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.advance(TIMEOUT);

        Throwable timeout = catchCause(caller);

        assertThat(timeout)
                .isInstanceOfSatisfying(TimeLimitExceededException.class, e -> {
                    assertThat(e.limiterName()).isEqualTo("reports");
                    assertThat(e.timeout()).isEqualTo(TIMEOUT);
                })
                .hasMessage("TimeLimiter 'reports': call did not complete within PT0.5S");
        assertThat(timeout.getStackTrace()).isEmpty();
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        assertThat(TimeLimiterConfig.ofDefaults().timeout()).isEqualTo(TimeLimiterConfig.DEFAULT_TIMEOUT);
        assertThat(TimeLimiterConfig.ofDefaults().toBuilder().build()).hasToString("TimeLimiterConfig{timeout=PT1S}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TimeLimiterConfig.builder().timeout(Duration.ZERO))
                .withMessage("timeout must be positive: PT0S");
    }

    private static Throwable catchCause(Future<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return java.util.Objects.requireNonNull(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("caller still waiting", e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(AtomicBoolean condition) {
        Await.until("condition", condition::get);
    }

    private static void awaitZero(TimeLimiter limiter) {
        Await.until("overdue work accounted", () -> limiter.metrics().overdueCalls() == 0);
    }

    private void awaitPending(int tasks) {
        Await.until("timer scheduled", () -> scheduler.pendingTasks() >= tasks);
    }
}
