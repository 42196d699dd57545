package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circuit-breaker snippet of the top-level README, verbatim between the markers. */
class ReadmeSnippetTest {

    private static boolean profileServiceDown;

    private static String fetchDisplayName(long userId) throws IOException {
        if (profileServiceDown) {
            throw new IOException("connection refused");
        }
        return "Ada #" + userId;
    }

    @Test
    void breakerRetryAndTimeoutAroundACall() {
        long userId = 42;
        // README snippet begins
        CircuitBreaker breaker = CircuitBreaker.of(
                "profiles",
                CircuitBreakerConfig.builder()
                        .failureRateThreshold(50)
                        .slowCallDuration(Duration.ofMillis(500))
                        .build());
        Retry retry = Retry.of(
                "profiles",
                RetryConfig.builder()
                        .maxAttempts(3)
                        .backoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1))
                                .withFullJitter())
                        .build());
        TimeLimiter timeout = TimeLimiter.of(
                "profiles",
                TimeLimiterConfig.builder().timeout(Duration.ofMillis(300)).build());

        // Fixed order: fallback -> breaker -> retry -> timeout (per attempt) -> call
        ResiliencePipeline profiles = ResiliencePipeline.builder("profiles")
                .circuitBreaker(breaker)
                .retry(retry)
                .timeLimiter(timeout)
                .build();

        String name = profiles.call(() -> fetchDisplayName(userId), failure -> "Guest");
        // README snippet ends

        assertThat(name).isEqualTo("Ada #42");
        breaker.transitionTo(CircuitBreaker.State.FORCED_OPEN);
        profileServiceDown = true;
        assertThat(profiles.call(() -> fetchDisplayName(userId), failure -> "Guest"))
                .isEqualTo("Guest");
    }
}
