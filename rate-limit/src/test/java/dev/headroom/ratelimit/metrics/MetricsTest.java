package dev.headroom.ratelimit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.LocalRateLimiters;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void decisionsAreCountedByLimiterOutcomeAndSource() {
        RateLimiter limiter = LocalRateLimiters.builder()
                .ticker(new ManualTicker())
                .build()
                .limiter(RateLimitPolicy.of("api", Limit.fixedWindow("w", 2, Duration.ofSeconds(1))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RateLimiterMetrics.of(limiter).bindTo(registry);

        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("k");
        }

        assertThat(registry.get(RateLimiterMetrics.DECISIONS)
                        .tags("limiter", "api", "outcome", "allowed", "source", "local")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(RateLimiterMetrics.DECISIONS)
                        .tags("limiter", "api", "outcome", "rejected", "source", "local")
                        .functionCounter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get(RateLimiterMetrics.REDIS_FAILURES)
                        .functionCounter()
                        .count())
                .isZero();
        assertThat(registry.get(RateLimiterMetrics.KEYS_REJECTED)
                        .functionCounter()
                        .count())
                .isZero();
    }

    @Test
    void abuseChecksAndBansAreCounted() {
        AbuseGuard guard = AbuseGuard.local(
                AbuseGuardConfig.builder("login").rate(1, Duration.ofSeconds(1)).build(), new ManualTicker());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AbuseGuardMetrics.of(guard).bindTo(registry);

        guard.check("a");
        guard.check("a");
        guard.ban("b", Duration.ofMinutes(1));
        guard.unban("b");

        assertThat(registry.get(AbuseGuardMetrics.CHECKS)
                        .tags("guard", "login", "outcome", "allowed")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(AbuseGuardMetrics.CHECKS)
                        .tags("outcome", "banned")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(AbuseGuardMetrics.BANS)
                        .tags("kind", "automatic")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(AbuseGuardMetrics.BANS)
                        .tags("kind", "manual")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(AbuseGuardMetrics.UNBANS).functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get(AbuseGuardMetrics.REDIS_FAILURES)
                        .functionCounter()
                        .count())
                .isZero();
    }
}
