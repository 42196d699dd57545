package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TieredRateLimiterTest {

    private final ManualTicker ticker = new ManualTicker();
    private final RateLimiterFactory local =
            policy -> RateLimiter.local(policy, RateLimiterConfig.ofDefaults(), new ManualScheduler(ticker));

    private static RateLimitPolicy plan(String name, long perMinute) {
        return RateLimitPolicy.of(name, Limit.fixedWindow("minute", perMinute, Duration.ofMinutes(1)));
    }

    private final TieredRateLimiter<Map<String, String>> tiers = TieredRateLimiter.<Map<String, String>>builder(
                    local, TierResolver.byAttributes(Map::get, "plan", "public", List.of("user", "ip")))
            .plan(plan("public", 2))
            .plan(plan("premium", 5))
            .build();

    @Test
    void theKeyAndPlanComeFromRequestAttributes() {
        Map<String, String> anonymous = Map.of("ip", "203.0.113.9");
        Map<String, String> premium = Map.of("user", "42", "plan", "premium", "ip", "203.0.113.9");

        assertThat(tiers.tryAcquire(anonymous).remaining()).isEqualTo(1);
        assertThat(tiers.tryAcquire(anonymous).remaining()).isZero();
        assertThat(tiers.tryAcquire(anonymous).isAllowed()).isFalse();
        Decision first = tiers.tryAcquire(premium);
        assertThat(first.isAllowed()).isTrue();
        assertThat(first.policy()).isEqualTo("premium");
        assertThat(first.remaining()).isEqualTo(4);
        assertThat(tiers.tryAcquire(Map.of()).policy())
                .as("no attribute at all")
                .isEqualTo("public");
    }

    @Test
    void anUnknownPlanIsLimitedByTheDefaultPlan() {
        Decision decision = tiers.tryAcquire(Map.of("user", "7", "plan", "platinum-typo"));

        assertThat(decision.policy()).isEqualTo("public");
        assertThat(decision.remaining()).isEqualTo(1);
    }

    @Test
    void aPlanChangesAtRuntimeWithoutLosingState() {
        Map<String, String> user = Map.of("user", "9", "plan", "premium");
        for (int i = 0; i < 5; i++) {
            assertThat(tiers.tryAcquire(user).isAllowed()).isTrue();
        }
        assertThat(tiers.tryAcquire(user).isAllowed()).isFalse();

        tiers.updatePlan(plan("premium", 8));

        Decision after = tiers.tryAcquire(user);
        assertThat(after.isAllowed()).isTrue();
        assertThat(after.remaining()).as("5 of 8 were used before the change").isEqualTo(2);
        assertThat(tiers.limiter("premium")
                        .policy()
                        .scopes()
                        .get(0)
                        .limits()
                        .get(0)
                        .quota())
                .isEqualTo(8);
    }

    @Test
    void plansCanBeAddedAndAreValidated() {
        tiers.addPlan(plan("enterprise", 100));
        assertThat(tiers.plans()).containsExactlyInAnyOrder("public", "premium", "enterprise");
        assertThat(tiers.tryAcquire(Map.of("user", "1", "plan", "enterprise")).remaining())
                .isEqualTo(99);
        assertThatThrownBy(() -> tiers.addPlan(plan("public", 1))).hasMessageContaining("exists");
        assertThatThrownBy(() -> tiers.updatePlan(plan("nope", 1))).hasMessageContaining("no plan 'nope'");
        assertThatThrownBy(() -> tiers.limiter("nope")).hasMessageContaining("no plan 'nope'");
        assertThatThrownBy(() -> TieredRateLimiter.<String>builder(local, r -> TierKey.of("a", r))
                        .build())
                .hasMessageContaining("at least one plan");
        assertThatThrownBy(() -> TieredRateLimiter.<String>builder(local, r -> TierKey.of("a", r))
                        .plan(plan("a", 1))
                        .defaultPlan("b")
                        .build())
                .hasMessageContaining("defaultPlan 'b'");
    }
}
