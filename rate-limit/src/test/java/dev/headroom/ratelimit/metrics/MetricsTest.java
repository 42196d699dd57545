package dev.headroom.ratelimit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.AdaptiveConcurrencyConfig;
import dev.headroom.ratelimit.AdaptiveConcurrencyLimiter;
import dev.headroom.ratelimit.ConcurrencyLimiter;
import dev.headroom.ratelimit.ConcurrencyLimiterConfig;
import dev.headroom.ratelimit.Lease;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String meter, String... tags) {
        return registry.get(meter).tags(tags).functionCounter().count();
    }

    @Test
    void decisionsAreCountedByNameOutcomeAndSource() {
        RateLimiter limiter = RateLimiter.local(
                RateLimitPolicy.of("api", Limit.fixedWindow("w", 2, Duration.ofSeconds(1))),
                RateLimiterConfig.ofDefaults(),
                new ManualScheduler());
        RateLimiterMetrics.of(limiter).bindTo(registry);

        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("k");
        }

        assertThat(count(RateLimiterMetrics.DECISIONS, "name", "api", "outcome", "allowed", "source", "local"))
                .isEqualTo(2);
        assertThat(count(RateLimiterMetrics.DECISIONS, "name", "api", "outcome", "rejected", "source", "local"))
                .isEqualTo(3);
        assertThat(count(RateLimiterMetrics.KEYS_REJECTED, "name", "api")).isZero();
        assertThat(registry.find(RateLimiterMetrics.REDIS_FAILURES).functionCounters())
                .as("no Redis, no Redis failures")
                .isEmpty();
    }

    @Test
    void leasesAreCountedUnderTheConcurrencyPrefix() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local(
                "exports",
                ConcurrencyLimiterConfig.builder().limit(1).maxKeys(1).build(),
                new ManualScheduler());
        ConcurrencyLimiterMetrics.of(limiter).bindTo(registry);

        Lease held = limiter.tryAcquire("org-1");
        limiter.tryAcquire("org-1");
        limiter.tryAcquire("org-2");
        held.close();

        assertThat(count(ConcurrencyLimiterMetrics.LEASES, "name", "exports", "outcome", "granted", "source", "local"))
                .isEqualTo(1);
        assertThat(count(ConcurrencyLimiterMetrics.LEASES, "name", "exports", "outcome", "refused", "source", "local"))
                .isEqualTo(2);
        assertThat(count(ConcurrencyLimiterMetrics.KEYS_REJECTED, "name", "exports"))
                .isEqualTo(1);
        assertThat(registry.find(RateLimiterMetrics.REDIS_FAILURES).functionCounters())
                .as("no Redis, no Redis failures")
                .isEmpty();
    }

    @Test
    void anAdaptiveLimitersLimitAndLeasesArePublished() {
        ManualTicker ticker = new ManualTicker();
        AdaptiveConcurrencyLimiter limiter = AdaptiveConcurrencyLimiter.of(
                "db", AdaptiveConcurrencyConfig.builder().initial(1).build(), ticker);
        AdaptiveConcurrencyMetrics.of(limiter).bindTo(registry);

        Lease lease = limiter.tryAcquire();
        limiter.tryAcquire();
        assertThat(registry.get(AdaptiveConcurrencyMetrics.IN_FLIGHT).gauge().value())
                .isEqualTo(1);
        lease.markDropped();
        lease.close();

        assertThat(registry.get(AdaptiveConcurrencyMetrics.LIMIT)
                        .tag("name", "db")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(count(ConcurrencyLimiterMetrics.LEASES, "name", "db", "outcome", "granted", "source", "local"))
                .isEqualTo(1);
        assertThat(count(ConcurrencyLimiterMetrics.LEASES, "name", "db", "outcome", "refused", "source", "local"))
                .isEqualTo(1);
        assertThat(count(AdaptiveConcurrencyMetrics.DROPPED, "name", "db")).isEqualTo(1);
    }

    @Test
    void abuseChecksBansAndListenerFailuresAreCounted() {
        AbuseGuard guard =
                AbuseGuard.local("login", AbuseGuardConfig.builder().limit(1).build(), new ManualTicker());
        AbuseGuardMetrics.of(guard).bindTo(registry);
        guard.addListener((key, duration, offences, manual) -> {
            throw new IllegalStateException("a broken listener");
        });

        guard.check("a");
        guard.check("a");
        guard.ban("b", Duration.ofMinutes(1));
        guard.unban("b");

        assertThat(count(AbuseGuardMetrics.CHECKS, "name", "login", "outcome", "allowed"))
                .isEqualTo(1);
        assertThat(count(AbuseGuardMetrics.CHECKS, "name", "login", "outcome", "banned"))
                .isEqualTo(1);
        assertThat(count(AbuseGuardMetrics.CHECKS, "name", "login", "outcome", "denied"))
                .isZero();
        assertThat(count(AbuseGuardMetrics.BANS, "name", "login", "kind", "automatic"))
                .isEqualTo(1);
        assertThat(count(AbuseGuardMetrics.BANS, "name", "login", "kind", "manual"))
                .isEqualTo(1);
        assertThat(count(AbuseGuardMetrics.UNBANS, "name", "login")).isEqualTo(1);
        assertThat(count(AbuseGuardMetrics.LISTENER_FAILURES, "name", "login")).isEqualTo(2);
        assertThat(registry.find(RateLimiterMetrics.REDIS_FAILURES).functionCounters())
                .as("no Redis, no Redis failures")
                .isEmpty();
    }
}
