package dev.headroom.breaker.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.breaker.CallNotPermittedException;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.core.ManualTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedRedisTest {

    private static final Duration OPEN = Duration.ofSeconds(1);

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "redis:ratelimit:api",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(4))
                    .minimumCalls(4)
                    .failureRateThreshold(50)
                    .slowCallDuration(Duration.ofMillis(100))
                    .slowCallRateThreshold(100)
                    .openDuration(OPEN)
                    .halfOpenProbes(1)
                    .build(),
            ticker);
    private final GuardedRedis guard = GuardedRedis.of("ratelimit", "api", breaker);
    private final List<Throwable> fallbacks = new ArrayList<>();

    @Test
    void aSuccessfulCallAnswersAndIsTimedOnTheTicker() {
        String answer = guard.call(
                () -> {
                    ticker.advance(Duration.ofMillis(150));
                    return "PONG";
                },
                this::fallback);

        assertThat(answer).isEqualTo("PONG");
        assertThat(breaker.metrics().successfulCalls()).isEqualTo(1);
        assertThat(breaker.metrics().slowCalls()).isEqualTo(1);
        assertThat(guard.failures()).isZero();
        assertThat(fallbacks).isEmpty();
    }

    @Test
    void aCallThatThrowsIsAnsweredByTheFallbackAndCountedOnce() {
        IllegalStateException down = new IllegalStateException("connection refused");

        String answer = guard.call(
                () -> {
                    throw down;
                },
                this::fallback);

        assertThat(answer).isEqualTo("fallback");
        assertThat(fallbacks).containsExactly(down);
        assertThat(guard.failures()).isEqualTo(1);
        assertThat(guard.refusals()).isZero();
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void failuresOpenTheBreakerAndThenTheCallIsNotMadeButRefused() {
        failSync(4);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        AtomicInteger made = new AtomicInteger();

        String answer = guard.call(() -> "made " + made.incrementAndGet(), this::fallback);

        assertThat(answer).isEqualTo("fallback");
        assertThat(made).hasValue(0);
        assertThat(fallbacks.get(fallbacks.size() - 1))
                .isInstanceOfSatisfying(CallNotPermittedException.class, refused -> {
                    assertThat(refused.componentName()).isEqualTo("redis:ratelimit:api");
                    assertThat(refused.state()).isEqualTo(CircuitBreaker.State.OPEN);
                });
        assertThat(guard.failures()).isEqualTo(4);
        assertThat(guard.refusals()).isEqualTo(1);
    }

    @Test
    void afterTheOpenDurationAProbeClosesTheBreakerAgain() {
        failSync(4);
        ticker.advance(OPEN);

        assertThat(guard.call(() -> "PONG", this::fallback)).isEqualTo("PONG");

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFallbackThatThrowsReachesTheCallerAndIsNotCountedAgain() {
        assertThatThrownBy(() -> guard.call(
                        () -> {
                            throw new IllegalStateException("timeout");
                        },
                        failure -> {
                            throw new IllegalArgumentException("job queue 'q': add failed: " + failure.getMessage());
                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job queue 'q': add failed: timeout");

        assertThat(guard.failures()).isEqualTo(1);
    }

    @Test
    void anAsyncCallThatCompletesAnswersAndIsJudgedWhenItCompletes() {
        CompletableFuture<String> reply = new CompletableFuture<>();

        CompletableFuture<String> answer = guard.callAsync(() -> reply, this::fallback);
        ticker.advance(Duration.ofMillis(150));
        reply.complete("PONG");

        assertThat(answer).isCompletedWithValue("PONG");
        assertThat(breaker.metrics().slowCalls()).isEqualTo(1);
        assertThat(guard.failures()).isZero();
    }

    @Test
    void anAsyncFailureIsAnsweredByTheFallbackUnwrappedAndCountedOnce() {
        IllegalStateException down = new IllegalStateException("connection reset");
        CompletableFuture<String> reply = new CompletableFuture<>();

        CompletableFuture<String> answer = guard.callAsync(() -> reply, this::fallback);
        reply.completeExceptionally(new CompletionException(down));

        assertThat(answer).isCompletedWithValue("fallback");
        assertThat(fallbacks).containsExactly(down);
        assertThat(guard.failures()).isEqualTo(1);
        assertThat(breaker.metrics().failedCalls()).isEqualTo(1);
    }

    @Test
    void anAsyncCallThatThrowsSynchronouslyIsAFailureNotAnException() {
        IllegalStateException rejected = new IllegalStateException("commands rejected while disconnected");

        CompletableFuture<String> answer = guard.callAsync(
                () -> {
                    throw rejected;
                },
                this::fallback);

        assertThat(answer).isCompletedWithValue("fallback");
        assertThat(fallbacks).containsExactly(rejected);
        assertThat(guard.failures()).isEqualTo(1);
    }

    @Test
    void anAsyncCallWhoseSupplierReturnsNullIsAFailure() {
        CompletableFuture<String> answer = guard.callAsync(() -> null, this::fallback);

        assertThat(answer).isCompletedWithValue("fallback");
        assertThat(fallbacks).singleElement().isInstanceOf(NullPointerException.class);
        assertThat(guard.failures()).isEqualTo(1);
    }

    @Test
    void anOpenBreakerRefusesAsyncCallsWithoutStartingThem() {
        failSync(4);
        AtomicInteger started = new AtomicInteger();

        CompletableFuture<String> answer = guard.callAsync(
                () -> CompletableFuture.completedFuture("started " + started.incrementAndGet()), this::fallback);

        assertThat(answer).isCompletedWithValue("fallback");
        assertThat(started).hasValue(0);
        assertThat(guard.refusals()).isEqualTo(1);
        assertThat(guard.failures()).isEqualTo(4);
    }

    @Test
    void anAsyncFallbackThatThrowsFailsTheFutureWithIt() {
        IllegalArgumentException own = new IllegalArgumentException("job queue 'q': status failed");

        CompletableFuture<String> answer =
                guard.callAsync(() -> CompletableFuture.failedFuture(new IllegalStateException("timeout")), failure -> {
                    throw own;
                });

        assertThat(answer).isCompletedExceptionally();
        assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class).hasCause(own);
        assertThat(guard.failures()).isEqualTo(1);
    }

    @Test
    void cancellingTheAnswerGivesThePermitBackAndCancelsTheCall() {
        CompletableFuture<String> reply = new CompletableFuture<>();

        CompletableFuture<String> answer = guard.callAsync(() -> reply, this::fallback);
        answer.cancel(true);

        assertThat(reply).isCancelled();
        assertThat(guard.failures()).isZero();
        assertThat(breaker.metrics().failedCalls()).isZero();
    }

    @Test
    void theFailureMeterIsOneCounterTaggedWithComponentAndName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RedisFailureMeter.bindTo(registry, guard);

        failSync(2);

        assertThat(registry.get("headroom.redis.failures")
                        .tag("component", "ratelimit")
                        .tag("name", "api")
                        .functionCounter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void theDefaultBreakerIsNamedAfterTheComponentAndUsesTheDefaultRedisConfig() {
        GuardedRedis defaulted = GuardedRedis.withDefaultBreaker("cache", "products", ticker);

        assertThat(defaulted.breaker().name()).isEqualTo("redis:cache:products");
        assertThat(defaulted.breaker().config()).isSameAs(CircuitBreakerConfig.DEFAULT_REDIS_BREAKER);
    }

    @Test
    void blankNamesAreRefusedByName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GuardedRedis.of(" ", "api", breaker))
                .withMessage("component must not be blank: ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GuardedRedis.of("cache", "", breaker))
                .withMessage("name must not be blank: ''");
    }

    private void failSync(int times) {
        for (int i = 0; i < times; i++) {
            guard.call(
                    () -> {
                        throw new IllegalStateException("down");
                    },
                    this::fallback);
        }
    }

    private String fallback(Throwable failure) {
        fallbacks.add(failure);
        return "fallback";
    }
}
