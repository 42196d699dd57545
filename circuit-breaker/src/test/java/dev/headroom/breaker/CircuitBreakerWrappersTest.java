package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerWrappersTest {

    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of(
            "billing",
            CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindow.lastCalls(2))
                    .minimumCalls(2)
                    .openDuration(Duration.ofSeconds(10))
                    .build(),
            ticker);

    @Test
    void callReturnsTheResultAndJudgesItASuccess() throws Exception {
        assertThat(breaker.call(() -> "ok")).isEqualTo("ok");
        assertThat(breaker.supply(() -> 42)).isEqualTo(42);
        AtomicInteger runs = new AtomicInteger();
        breaker.run(runs::incrementAndGet);

        assertThat(runs).hasValue(1);
        assertThat(breaker.stats().successfulCalls()).isEqualTo(3);
    }

    @Test
    void aNullResultIsAResultLikeAnyOther() throws Exception {
        assertThat(breaker.<String>call(() -> null)).isNull();
        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void theCallsOwnExceptionReachesTheCallerUnchanged() {
        IOException failure = new IOException("connection reset");

        assertThatThrownBy(() -> breaker.call(() -> {
                    throw failure;
                }))
                .isSameAs(failure);
        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void errorsAreJudgedAndRethrown() {
        StackOverflowError error = new StackOverflowError();

        assertThatThrownBy(() -> breaker.run(() -> {
                    throw error;
                }))
                .isSameAs(error);
        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aRefusedCallThrowsAnExceptionWithNameAndStateAndNoStackTrace() {
        Breakers.fail(breaker, 2);

        CallNotPermittedException refused =
                catchThrowableOfType(CallNotPermittedException.class, () -> breaker.call(() -> "never"));

        assertThat(refused.componentName()).isEqualTo("billing");
        assertThat(refused.state()).isEqualTo(State.OPEN);
        assertThat(refused).hasMessage("CircuitBreaker 'billing' is OPEN and does not permit calls");
        assertThat(refused.getStackTrace()).isEmpty();
        assertThat(refused).isInstanceOf(CallRejectedException.class);
    }

    @Test
    void refusingThrowsTheSameImmutableInstanceEveryTime() {
        breaker.transitionTo(State.FORCED_OPEN);

        CallNotPermittedException first =
                catchThrowableOfType(CallNotPermittedException.class, () -> breaker.supply(() -> "never"));
        CallNotPermittedException second =
                catchThrowableOfType(CallNotPermittedException.class, () -> breaker.supply(() -> "never"));

        assertThat(first).isSameAs(second);
        assertThat(first.state()).isEqualTo(State.FORCED_OPEN);
        first.addSuppressed(new IllegalStateException("must not stick"));
        assertThat(second.getSuppressed()).isEmpty();
    }

    @Test
    void theRefusedCallIsNeverRun() {
        Breakers.fail(breaker, 2);
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> breaker.run(runs::incrementAndGet)).isInstanceOf(CallNotPermittedException.class);

        assertThat(runs).hasValue(0);
    }

    @Test
    void theFallbackAnswersForRefusalsAndFailures() {
        String failed = breaker.call(
                () -> {
                    throw new IOException("down");
                },
                error -> "fallback for " + error.getMessage());
        assertThat(failed).isEqualTo("fallback for down");

        Breakers.fail(breaker, 2);
        String refused = breaker.supply(
                () -> "never", error -> "fallback for " + error.getClass().getSimpleName());

        assertThat(refused).isEqualTo("fallback for CallNotPermittedException");
    }

    @Test
    void theFallbackIsNotUsedWhenTheCallSucceeds() {
        assertThat(breaker.supply(() -> "primary", error -> "fallback")).isEqualTo("primary");
    }

    @Test
    void anInterruptedCallRestoresTheInterruptBeforeTheFallback() {
        boolean[] interruptedInFallback = new boolean[1];

        String answer = breaker.call(
                () -> {
                    throw new InterruptedException();
                },
                error -> {
                    interruptedInFallback[0] = Thread.currentThread().isInterrupted();
                    return "fallback";
                });

        assertThat(answer).isEqualTo("fallback");
        assertThat(interruptedInFallback[0]).isTrue();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void describesItself() {
        assertThat(breaker).hasToString("CircuitBreaker{billing, CLOSED}");
        assertThat(breaker.name()).isEqualTo("billing");
        assertThat(breaker.tryAcquirePermit()).hasToString("BreakerPermit{billing, CLOSED}");
    }
}
