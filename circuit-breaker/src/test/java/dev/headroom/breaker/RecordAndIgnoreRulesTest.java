package dev.headroom.breaker;

import static dev.headroom.breaker.Breakers.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class RecordAndIgnoreRulesTest {

    private final ManualTicker ticker = new ManualTicker();

    private CircuitBreaker breaker(CircuitBreakerConfig.Builder rules) {
        return CircuitBreaker.of(
                "orders",
                rules.slidingWindow(SlidingWindow.lastCalls(4)).minimumCalls(2).build(),
                ticker);
    }

    @Test
    void onlyExceptionsMatchingFailureOnCountAsFailures() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder()
                .failureOn(error -> error instanceof IOException || error instanceof UncheckedIOException));

        breaker.tryAcquirePermit().onError(new IllegalArgumentException("caller's fault"), millis(1));
        breaker.tryAcquirePermit().onError(new IllegalArgumentException("caller's fault"), millis(1));

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().successfulCalls()).isEqualTo(2);

        breaker.tryAcquirePermit().onError(new IOException("reset"), millis(1));
        breaker.tryAcquirePermit().onError(new IOException("reset"), millis(1));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.stats().failedCalls()).isEqualTo(2);
    }

    @Test
    void ignoredExceptionsAreNeitherSuccessNorFailure() {
        CircuitBreaker breaker =
                breaker(CircuitBreakerConfig.builder().ignoreOn(error -> error instanceof IllegalArgumentException));

        for (int i = 0; i < 10; i++) {
            breaker.tryAcquirePermit().onError(new IllegalArgumentException(), millis(1));
        }

        assertThat(breaker.stats().judgedCalls()).isZero();
        assertThat(breaker.stats().ignoredCalls()).isEqualTo(10);
        assertThat(breaker.stats().successfulCalls()).isZero();
        assertThat(breaker.stats().failedCalls()).isZero();
    }

    @Test
    void ignoreTakesPrecedenceOverFailure() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder()
                .failureOn(error -> true)
                .ignoreOn(error -> error instanceof IllegalArgumentException));

        breaker.tryAcquirePermit().onError(new IllegalArgumentException(), millis(1));

        assertThat(breaker.stats().ignoredCalls()).isEqualTo(1);
        assertThat(breaker.stats().failedCalls()).isZero();
    }

    @Test
    void replacingTheIgnoreRuleDropsTheCancellationDefault() {
        CircuitBreaker breaker =
                breaker(CircuitBreakerConfig.builder().ignoreOn(error -> error instanceof IllegalArgumentException));

        breaker.tryAcquirePermit().onError(new CancellationException(), millis(1));

        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void resultsMatchingFailureOnResultCountAsFailures() throws Exception {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder()
                .failureOnResult(result -> result instanceof Integer status && status >= 500));

        breaker.tryAcquirePermit().onResult(200, millis(1));
        breaker.tryAcquirePermit().onResult(null, millis(1));
        assertThat(breaker.call(() -> 503)).isEqualTo(503); // returned to the caller all the same
        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
        assertThat(breaker.stats().successfulCalls()).isEqualTo(2);

        breaker.tryAcquirePermit().onResult(500, millis(1));

        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void onSuccessSkipsTheResultRule() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().failureOnResult(result -> true));

        breaker.tryAcquirePermit().onSuccess(millis(1));

        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void aRuleThatThrowsCountsTheCallAsFailedInsteadOfLeakingThePermit() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder()
                .failureOn(error -> {
                    throw new IllegalStateException("buggy rule");
                })
                .failureOnResult(result -> {
                    throw new IllegalStateException("buggy rule");
                }));

        breaker.tryAcquirePermit().onError(new IOException(), millis(1));
        breaker.tryAcquirePermit().onResult("x", millis(1));

        assertThat(breaker.stats().failedCalls()).isEqualTo(2);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void errorsCountAsFailuresByDefault() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder());

        breaker.tryAcquirePermit().onError(new OutOfMemoryError("simulated"), millis(1));

        assertThat(breaker.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void releasingAClosedPermitJudgesNothing() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder());

        breaker.tryAcquirePermit().release();

        assertThat(breaker.stats().judgedCalls()).isZero();
        assertThat(breaker.stats().ignoredCalls()).isEqualTo(1);
    }
}
