package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitTest {

    @Test
    void ratesRoundUpToAWholeMicrosecondPerToken() {
        Limit limit = Limit.tokenBucket("b", 3, 3, Duration.ofSeconds(1));

        assertThat(limit.intervalNanos()).isEqualTo(333_334_000L);
        assertThat(limit.window()).isEqualTo(Duration.ofNanos(3 * 333_334_000L));
        assertThat(limit.quota()).isEqualTo(3);
        assertThat(limit.isBucket()).isTrue();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> Limit.tokenBucket("b", 0, 1, Duration.ofSeconds(1)))
                .hasMessage("capacity must be between 1 and 2147483647: 0");
        assertThatThrownBy(() -> Limit.fixedWindow("w", 1, Duration.ofSeconds(-1)))
                .hasMessageContaining("window must be positive")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> Limit.fixedWindow("w", 1, Duration.ofNanos(1500)))
                .hasMessageContaining("whole number of microseconds");
        assertThatThrownBy(() -> Limit.slidingWindow("s", Limit.MAX_SLIDING_WINDOW_LIMIT + 1, Duration.ofSeconds(1)))
                .hasMessageContaining("sliding window");
        assertThatThrownBy(() -> Limit.gcra("bad name", 1, Duration.ofSeconds(1), 1))
                .hasMessageContaining("name must be");
        assertThatThrownBy(() -> Limit.tokenBucket("b", Limit.MAX_QUOTA, 1, Duration.ofDays(1)))
                .hasMessageContaining("days to refill");
        assertThatThrownBy(
                        () -> Limit.fixedWindow("w", 1, Duration.ofSeconds(1)).withInitialTokens(0))
                .hasMessageContaining("token buckets and GCRA only");
        assertThatThrownBy(() ->
                        Limit.tokenBucket("b", 2, 1, Duration.ofSeconds(1)).withInitialTokens(3))
                .hasMessage("initialTokens must be between 0 and 2: 3");
        assertThatThrownBy(() -> Limit.gcra("g", 1, Duration.ofSeconds(1), 1).scaled(0))
                .hasMessage("share must be in (0, 1]: 0.0");
    }

    @Test
    void scalingAndRequotingKeepTheTimeScale() {
        Limit bucket = Limit.tokenBucket("b", 100, 100, Duration.ofSeconds(1));
        Limit quarter = bucket.scaled(0.25);
        assertThat(quarter.quota()).isEqualTo(25);
        assertThat(quarter.intervalNanos()).isEqualTo(40_000_000L);
        assertThat(Limit.fixedWindow("w", 3, Duration.ofSeconds(1)).scaled(0.1).quota())
                .as("at least one")
                .isEqualTo(1);

        Limit bigger = bucket.withQuota(200);
        assertThat(bigger.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bigger.quota()).isEqualTo(200);
        assertThat(Limit.slidingWindow("s", 10, Duration.ofSeconds(1))
                        .withQuota(20)
                        .window())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket).isEqualTo(Limit.tokenBucket("b", 100, 100, Duration.ofSeconds(1)));
        assertThat(bucket.toString()).contains("TOKEN_BUCKET");
    }

    @Test
    void policiesValidateTheirScopes() {
        Limit w = Limit.fixedWindow("w", 1, Duration.ofSeconds(1));
        assertThatThrownBy(() -> RateLimitPolicy.of("p", w, w)).hasMessageContaining("two limits named 'w'");
        assertThatThrownBy(() -> RateLimitPolicy.builder("p").build()).hasMessageContaining("at least one scope");
        assertThatThrownBy(() -> RateLimitPolicy.builder("p").scope("a", w).scope("a", w))
                .hasMessageContaining("already has a scope 'a'");
        assertThatThrownBy(() -> RateLimitPolicy.of("p", w).withLimits("nope", List.of(w)))
                .hasMessageContaining("no scope 'nope'");
        RateLimitPolicy policy = RateLimitPolicy.of("p", w);
        assertThat(policy.isCompatibleWith(RateLimitPolicy.of("p", Limit.gcra("g", 1, Duration.ofSeconds(1), 1))))
                .isTrue();
        assertThat(policy.isCompatibleWith(RateLimitPolicy.of("q", w))).isFalse();
        assertThat(policy).isEqualTo(RateLimitPolicy.of("p", w)).hasSameHashCodeAs(RateLimitPolicy.of("p", w));
    }
}
