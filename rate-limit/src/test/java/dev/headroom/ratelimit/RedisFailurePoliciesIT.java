package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.ratelimit.metrics.AbuseGuardMetrics;
import dev.headroom.ratelimit.metrics.RateLimiterMetrics;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Redis component of this module honours every failure policy: a private Redis is stopped,
 * and a rate limiter, a concurrency limiter and an abuse guard of each policy must answer as the
 * policy says, never with an exception, each answer labelled with the policy and counted.
 */
class RedisFailurePoliciesIT {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final FailurePolicy OPEN = FailurePolicy.failOpen();
    private static final FailurePolicy CLOSED = FailurePolicy.failClosed(RETRY_AFTER);
    /** Two instances share each limit: this one gets half. */
    private static final FailurePolicy HALF = FailurePolicy.localFallback(2);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RedisProcess server;
    private HeadroomRedis redis;

    @BeforeEach
    void start() {
        server = RedisServers.startStandalone();
        // Short enough to bound the test, long enough for a loaded machine to connect.
        redis = HeadroomRedis.connect(
                server.uri(),
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(1)).build());
    }

    @AfterEach
    void stop() {
        redis.close();
        server.close();
    }

    private RateLimiter rateLimiter(String name, FailurePolicy policy) {
        return RateLimiter.redis(
                RateLimitPolicy.of(name, Limit.fixedWindow("minute", 4, Duration.ofMinutes(1))),
                RateLimiterConfig.builder().failurePolicy(policy).build(),
                redis,
                scheduler);
    }

    private ConcurrencyLimiter concurrencyLimiter(String name, FailurePolicy policy) {
        return ConcurrencyLimiter.redis(
                name,
                ConcurrencyLimiterConfig.builder()
                        .limit(4)
                        .failurePolicy(policy)
                        .build(),
                redis,
                scheduler);
    }

    private AbuseGuard abuseGuard(String name, FailurePolicy policy) {
        return AbuseGuard.redis(
                name,
                AbuseGuardContract.CONFIG.toBuilder()
                        .limit(4)
                        .failurePolicy(policy)
                        .build(),
                redis,
                new ManualTicker());
    }

    private double failuresMeter(String component, String name) {
        return registry.get(RateLimiterMetrics.REDIS_FAILURES)
                .tags("component", component, "name", name)
                .functionCounter()
                .count();
    }

    @Test
    void rateLimitersAnswerByTheirPolicy() {
        RateLimiter open = rateLimiter("open", OPEN);
        RateLimiter closed = rateLimiter("closed", CLOSED);
        RateLimiter half = rateLimiter("half", HALF);
        RateLimiterMetrics.of(open, closed, half).bindTo(registry);
        assertThat(half.tryAcquire("k").source()).isEqualTo(Decision.Source.REDIS);

        server.stop();

        for (int i = 0; i < 6; i++) {
            Decision decision = open.tryAcquire("k");
            assertThat(decision.isAllowed()).isTrue();
            assertThat(decision.source()).isEqualTo(Decision.Source.FAIL_OPEN);
        }
        assertThat(open.tryAcquireAsync("k", 1).join().source()).isEqualTo(Decision.Source.FAIL_OPEN);
        Decision denied = closed.tryAcquire("k");
        assertThat(denied.isAllowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(denied.source()).isEqualTo(Decision.Source.FAIL_CLOSED);
        assertThat(closed.tryAcquireAsync("k", 1).join().source()).isEqualTo(Decision.Source.FAIL_CLOSED);
        List<Boolean> halfAnswers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Decision decision = half.tryAcquire("k");
            assertThat(decision.source()).isEqualTo(Decision.Source.LOCAL_FALLBACK);
            halfAnswers.add(decision.isAllowed());
        }
        assertThat(halfAnswers).as("half of 4 a minute").containsExactly(true, true, false);

        assertThat(open.stats().redisFailures()).isEqualTo(7);
        assertThat(failuresMeter("ratelimit", "open"))
                .as("the one Redis failure meter")
                .isEqualTo(7);
        assertThat(open.stats().decisions(Decision.Source.FAIL_OPEN, true)).isEqualTo(7);
        assertThat(closed.stats().decisions(Decision.Source.FAIL_CLOSED, false)).isEqualTo(2);
        assertThat(half.stats().decisions(Decision.Source.LOCAL_FALLBACK, false))
                .isEqualTo(1);
    }

    @Test
    void concurrencyLimitersAnswerByTheirPolicy() {
        ConcurrencyLimiter open = concurrencyLimiter("open", OPEN);
        ConcurrencyLimiter closed = concurrencyLimiter("closed", CLOSED);
        ConcurrencyLimiter half = concurrencyLimiter("half", HALF);
        Lease before = half.tryAcquire("org");
        assertThat(before.isAcquired()).isTrue();

        server.stop();

        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            leases.add(open.tryAcquire("org"));
        }
        assertThat(leases).allMatch(Lease::isAcquired);
        assertThat(closed.tryAcquire("org").isAcquired()).isFalse();
        Lease first = half.tryAcquire("org");
        Lease second = half.tryAcquire("org");
        Lease third = half.tryAcquire("org");
        assertThat(List.of(first.isAcquired(), second.isAcquired(), third.isAcquired()))
                .as("half of 4")
                .containsExactly(true, true, false);
        assertThat(half.inFlight("org")).as("what this instance holds").isEqualTo(2);
        before.close(); // Redis is away: it expires there on its own, counted
        first.close();
        second.close();
        leases.forEach(Lease::close);

        assertThat(open.stats().grantedBySource()).containsEntry(Decision.Source.FAIL_OPEN, 6L);
        assertThat(closed.stats().refusedBySource()).containsEntry(Decision.Source.FAIL_CLOSED, 1L);
        assertThat(half.stats().grantedBySource()).containsEntry(Decision.Source.LOCAL_FALLBACK, 2L);
        assertThat(half.stats().refusedBySource()).containsEntry(Decision.Source.LOCAL_FALLBACK, 1L);
        assertThat(half.stats().redisFailures())
                .as("three acquires, a lookup, a release")
                .isEqualTo(5);
    }

    @Test
    void abuseGuardsAnswerByTheirPolicy() {
        AbuseGuard open = abuseGuard("open", OPEN);
        AbuseGuard closed = abuseGuard("closed", CLOSED);
        AbuseGuard half = abuseGuard("half", HALF);
        AbuseGuardMetrics.of(open, closed, half).bindTo(registry);
        for (AbuseGuard guard : List.of(open, closed, half)) {
            guard.ban("known-abuser", Duration.ofHours(1));
            assertThat(guard.check("known-abuser").source()).isEqualTo(Decision.Source.REDIS);
        }

        server.stop();

        for (int i = 0; i < 10; i++) {
            AbuseVerdict verdict = open.check("client");
            assertThat(verdict.outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
            assertThat(verdict.source()).isEqualTo(Decision.Source.FAIL_OPEN);
        }
        assertThat(open.check("known-abuser").isAllowed())
                .as("fail open allows everyone")
                .isTrue();

        AbuseVerdict denied = closed.check("client");
        assertThat(denied.outcome()).isEqualTo(AbuseVerdict.Outcome.DENIED);
        assertThat(denied.isAllowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(denied.source()).isEqualTo(Decision.Source.FAIL_CLOSED);
        assertThat(closed.stats().automaticBans()).as("a denial is no ban").isZero();

        AbuseVerdict remembered = half.check("known-abuser");
        assertThat(remembered.outcome()).as("the ban Redis reported holds").isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(remembered.source()).isEqualTo(Decision.Source.LOCAL_FALLBACK);
        assertThat(half.check("client").isAllowed()).isTrue();
        assertThat(half.check("client").isAllowed()).isTrue();
        AbuseVerdict localBan = half.check("client");
        assertThat(localBan.outcome()).as("half of 4 a window").isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(localBan.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(localBan.source()).isEqualTo(Decision.Source.LOCAL_FALLBACK);

        assertThat(open.stats().redisFailures()).as("answered by the policy").isEqualTo(11);
        assertThat(failuresMeter("abuse", "open"))
                .as("failed calls: with the two calls before the outage, eight failures open the breaker,"
                        + " which refuses the last three")
                .isEqualTo(8);
        assertThat(closed.stats().checks(AbuseVerdict.Outcome.DENIED)).isEqualTo(1);
        assertThat(half.stats().redisFailures()).isEqualTo(4);
    }

    @Test
    void banningWhileRedisIsDownHoldsOnThisInstanceAndNeverThrows() {
        AbuseGuard guard = abuseGuard("admin", HALF);

        server.stop();

        guard.ban("api-key", Duration.ofMinutes(5));
        assertThat(guard.check("api-key").outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(guard.banRemaining("api-key")).contains(Duration.ofMinutes(5));
        assertThat(guard.unban("api-key")).isTrue();
        assertThat(guard.check("api-key").isAllowed()).isTrue();
        assertThat(guard.stats().redisFailures())
                .as("ban, check, lookup, unban, check")
                .isEqualTo(5);
        assertThat(guard.stats().manualBans()).isEqualTo(1);
        assertThat(guard.stats().unbans()).isEqualTo(1);
    }
}
