package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualTicker;
import dev.headroom.ratelimit.internal.LocalAbuseGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbuseGuardTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<String> events = new ArrayList<>();

    private AbuseGuard guard(AddressAllowlist allowlist) {
        AbuseGuard guard = AbuseGuard.local(
                "login",
                AbuseGuardConfig.builder()
                        .limit(3)
                        .window(Duration.ofSeconds(10))
                        .firstBan(Duration.ofMinutes(1))
                        .banMultiplier(4)
                        .maxBan(Duration.ofMinutes(10))
                        .offenceMemory(Duration.ofHours(1))
                        .allowlist(allowlist)
                        .build(),
                ticker);
        guard.addListener(new AbuseListener() {
            @Override
            public void onBan(String key, Duration duration, int offences, boolean manual) {
                events.add("ban " + key + " " + duration + " #" + offences + (manual ? " manual" : ""));
            }

            @Override
            public void onUnban(String key) {
                events.add("unban " + key);
            }
        });
        return guard;
    }

    @Test
    void bansGrowWithEachRepeatOffenceUpToTheLongest() {
        AbuseGuard guard = guard(AddressAllowlist.empty());
        String ip = "198.51.100.7";

        for (int i = 0; i < 3; i++) {
            assertThat(guard.check(ip).outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
        }
        AbuseVerdict first = guard.check(ip);
        assertThat(first.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(first.offences()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(30));
        assertThat(guard.check(ip).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(guard.banRemaining(ip)).contains(Duration.ofSeconds(30));

        ticker.advance(Duration.ofSeconds(30));
        assertThat(guard.check(ip).isAllowed()).as("the ban is over").isTrue();
        guard.check(ip);
        guard.check(ip);
        assertThat(guard.check(ip).retryAfter()).isEqualTo(Duration.ofMinutes(4));
        ticker.advance(Duration.ofMinutes(4));
        for (int i = 0; i < 4; i++) {
            guard.check(ip);
        }
        assertThat(guard.banRemaining(ip)).contains(Duration.ofMinutes(10));

        assertThat(events)
                .containsExactly("ban 198.51.100.7 PT1M #1", "ban 198.51.100.7 PT4M #2", "ban 198.51.100.7 PT10M #3");
        assertThat(guard.stats().automaticBans()).isEqualTo(3);
        assertThat(guard.stats().checks(AbuseVerdict.Outcome.BANNED)).isEqualTo(4);
    }

    @Test
    void offencesAreForgottenAfterTheMemory() {
        AbuseGuard guard = guard(AddressAllowlist.empty());
        for (int i = 0; i < 4; i++) {
            guard.check("k");
        }
        ticker.advance(Duration.ofHours(2));
        for (int i = 0; i < 4; i++) {
            guard.check("k");
        }
        assertThat(guard.banRemaining("k")).contains(Duration.ofMinutes(1));
    }

    @Test
    void idleClientsAreForgottenAndTheClientCapHolds() {
        LocalAbuseGuard guard = new LocalAbuseGuard(
                "cap",
                AbuseGuardConfig.builder()
                        .limit(5)
                        .window(Duration.ofSeconds(1))
                        .offenceMemory(Duration.ofSeconds(1))
                        .maxClients(100)
                        .build(),
                ticker);
        for (int i = 0; i < 100; i++) {
            guard.check("c" + i);
        }
        assertThat(guard.check("overflow").isAllowed())
                .as("past the cap: passes uncounted")
                .isTrue();
        assertThat(guard.trackedClients()).isEqualTo(100);

        ticker.advance(Duration.ofSeconds(2));
        guard.check("fresh");
        assertThat(guard.trackedClients()).isLessThanOrEqualTo(2);
    }

    @Test
    void allowlistEntriesAreValidatedAndNamesAreNeverResolved() {
        assertThatThrownBy(() -> AddressAllowlist.of("example.com")).hasMessageContaining("'example.com'");
        assertThatThrownBy(() -> AddressAllowlist.of("10.0.0.0/33")).hasMessageContaining("between 0 and 32");
        assertThatThrownBy(() -> AddressAllowlist.of("::/129")).hasMessageContaining("between 0 and 128");
        AddressAllowlist list = AddressAllowlist.of("0.0.0.0/0", "fe80::/10");
        assertThat(list.contains("localhost")).isFalse();
        assertThat(list.contains("user-42")).isFalse();
        assertThat(list.contains("8.8.8.8")).isTrue();
        assertThat(list.contains("fe80::1")).isTrue();
        assertThat(list.contains("fec0::1")).isFalse();
        assertThat(list.contains("::ffff:10.1.2.3")).as("IPv4-mapped").isTrue();
        assertThat(list.entries()).containsExactly("0.0.0.0/0", "fe80::/10");
        assertThat(AddressAllowlist.empty().contains("1.2.3.4")).isFalse();
    }

    @Test
    void aMegabyteKeyIsOneClientLikeAnyOther() {
        LocalAbuseGuard guard = new LocalAbuseGuard(
                "memory", AbuseGuardConfig.builder().limit(1).build(), ticker);
        String huge = "x".repeat(1_000_000);

        assertThat(guard.check(huge).isAllowed()).isTrue();
        assertThat(guard.check(huge).outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(guard.check(huge + "y").isAllowed()).isTrue();
        assertThat(guard.trackedClients()).isEqualTo(2);
    }

    @Test
    void configValidates() {
        assertThatThrownBy(() -> AbuseGuardConfig.builder().limit(0)).hasMessage("limit must be at least 1: 0");
        assertThatThrownBy(() -> AbuseGuardConfig.builder()
                        .firstBan(Duration.ofMinutes(5))
                        .maxBan(Duration.ofMinutes(1))
                        .build())
                .hasMessage("maxBan must be at least firstBan PT5M: PT1M");
        assertThatThrownBy(() -> AbuseGuardConfig.builder().banMultiplier(0.5))
                .hasMessage("banMultiplier must be at least 1: 0.5");
        assertThatThrownBy(() -> AbuseGuardConfig.builder().window(Duration.ZERO))
                .hasMessage("window must be at least 1 ms: PT0S");
        assertThatThrownBy(() -> AbuseGuard.local("no spaces", AbuseGuardConfig.ofDefaults()))
                .hasMessageContaining("'no spaces'");
        AbuseGuardConfig custom = AbuseGuardConfig.builder()
                .limit(7)
                .failurePolicy(FailurePolicy.failOpen())
                .build();
        assertThat(custom.toBuilder().build().toString()).isEqualTo(custom.toString());
        AbuseGuardConfig config = AbuseGuardConfig.ofDefaults();
        assertThat(config.banFor(1)).isEqualTo(AbuseGuardConfig.DEFAULT_FIRST_BAN);
        assertThat(config.banFor(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(config.banFor(50)).isEqualTo(AbuseGuardConfig.DEFAULT_MAX_BAN);
    }
}
