package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final Limit MINUTE = Limit.fixedWindow("minute", 100, Duration.ofMinutes(1));

    @Test
    void allowedDecisionsCarryPolicyAndState() {
        Decision decision =
                new Decision(true, "api", MINUTE, 50, Duration.ofMillis(29_001).toNanos(), 0, Decision.Source.LOCAL);

        assertThat(RateLimitHeaders.of(decision))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("RateLimit-Policy", "\"api.minute\";q=100;w=60"),
                        org.assertj.core.api.Assertions.entry("RateLimit", "\"api.minute\";r=50;t=30"));
        assertThat(RateLimitHeaders.retryAfter(decision)).isEmpty();
    }

    @Test
    void deniedDecisionsSayWhenToRetryRoundedUp() {
        Decision decision = new Decision(
                false,
                "api",
                MINUTE,
                0,
                Duration.ofSeconds(30).toNanos(),
                Duration.ofMillis(1).toNanos(),
                Decision.Source.REDIS);

        assertThat(RateLimitHeaders.retryAfter(decision)).contains("1");
        assertThat(RateLimitHeaders.of(decision)).containsEntry("Retry-After", "1");
        Decision never = new Decision(false, "api", MINUTE, 0, 0, Decision.NEVER, Decision.Source.LOCAL);
        assertThat(RateLimitHeaders.retryAfter(never)).isEmpty();
    }

    @Test
    void aPolicyListsEveryLimit() {
        RateLimitPolicy policy =
                RateLimitPolicy.of("api", MINUTE, Limit.tokenBucket("burst", 10, 10, Duration.ofSeconds(1)));

        assertThat(RateLimitHeaders.policy(policy)).isEqualTo("\"api.minute\";q=100;w=60, \"api.burst\";q=10;w=1");
    }

    @Test
    void decisionsDescribeThemselves() {
        Decision decision = new Decision(false, "api", MINUTE, 0, 0, Decision.NEVER, Decision.Source.FAIL_CLOSED);
        assertThat(decision.toString()).contains("DENIED", "never", "FAIL_CLOSED");
        assertThat(decision)
                .isEqualTo(new Decision(false, "api", MINUTE, 0, 0, Decision.NEVER, Decision.Source.FAIL_CLOSED));
        assertThat(decision.quota()).isEqualTo(100);
    }
}
