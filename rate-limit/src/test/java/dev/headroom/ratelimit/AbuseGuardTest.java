package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualTicker;
import dev.headroom.ratelimit.internal.LocalAbuseGuard;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbuseGuardTest {

    private final ManualTicker ticker = new ManualTicker();
    private final List<String> events = new ArrayList<>();

    private AbuseGuard guard(AddressAllowlist allowlist) {
        AbuseGuard guard = AbuseGuard.local(
                AbuseGuardConfig.builder("login")
                        .rate(3, Duration.ofSeconds(10))
                        .bans(Duration.ofMinutes(1), 4, Duration.ofMinutes(10))
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
        assertThat(guard.stats().bans(false)).isEqualTo(3);
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
    void allowlistedAddressesAndRangesAreNeverCounted() throws Exception {
        AbuseGuard guard = guard(AddressAllowlist.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"));

        for (int i = 0; i < 100; i++) {
            assertThat(guard.check("10.20.30.40").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWLISTED);
            assertThat(guard.check(InetAddress.getByName("2001:db8:0:1::5")).outcome())
                    .isEqualTo(AbuseVerdict.Outcome.ALLOWLISTED);
            assertThat(guard.check("192.0.2.1").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWLISTED);
        }
        assertThat(guard.check("192.0.2.2").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
        assertThat(guard.check("11.0.0.1").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
    }

    @Test
    void manualBansAndUnbansAreHeard() {
        AbuseGuard guard = guard(AddressAllowlist.empty());

        guard.ban("api-key-9", Duration.ofHours(1));
        assertThat(guard.check("api-key-9").outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(guard.unban("api-key-9")).isTrue();
        assertThat(guard.unban("api-key-9")).isFalse();
        assertThat(guard.check("api-key-9").isAllowed()).isTrue();

        assertThat(events).containsExactly("ban api-key-9 PT1H #0 manual", "unban api-key-9");
        assertThat(guard.stats().bans(true)).isEqualTo(1);
        assertThat(guard.stats().unbans()).isEqualTo(1);
        assertThatThrownBy(() -> guard.ban("k", Duration.ZERO)).hasMessageContaining("at least 1 ms");
    }

    @Test
    void concurrentChecksBanOnceAndLetThroughExactlyTheLimit() throws Exception {
        AbuseGuard guard = guard(AddressAllowlist.empty());
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                    if (guard.check("203.0.113.1").isAllowed()) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(allowed.get()).isEqualTo(3);
        assertThat(guard.stats().bans(false)).isEqualTo(1);
    }

    @Test
    void idleClientsAreForgottenAndTheClientCapHolds() {
        LocalAbuseGuard guard = new LocalAbuseGuard(
                AbuseGuardConfig.builder("cap")
                        .rate(5, Duration.ofSeconds(1))
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
    void configValidates() {
        assertThatThrownBy(() -> AbuseGuardConfig.builder("g").rate(0, Duration.ofSeconds(1)))
                .hasMessage("limit must be at least 1: 0");
        assertThatThrownBy(() -> AbuseGuardConfig.builder("g")
                        .bans(Duration.ofMinutes(5), 2, Duration.ofMinutes(1))
                        .build())
                .hasMessageContaining("maxBan must be at least firstBan");
        assertThatThrownBy(() -> AbuseGuardConfig.builder("g").bans(Duration.ofMinutes(1), 0.5, Duration.ofHours(1)))
                .hasMessageContaining("banMultiplier");
        AbuseGuardConfig config = AbuseGuardConfig.builder("g").build();
        assertThat(config.banFor(1)).isEqualTo(AbuseGuardConfig.DEFAULT_FIRST_BAN);
        assertThat(config.banFor(2)).isEqualTo(Duration.ofMinutes(4));
        assertThat(config.banFor(50)).isEqualTo(AbuseGuardConfig.DEFAULT_MAX_BAN);
    }
}
