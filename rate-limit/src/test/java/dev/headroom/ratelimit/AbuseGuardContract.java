package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AbuseGuard} honours, run against the in-memory guard, the Redis guard
 * and the Redis guard on a Redis Cluster. Redis keeps its own time (ban lengths are TTLs), so the
 * contract never moves the clock: a ban's length is exact in the check that issues it, and what
 * later checks report is at most that.
 */
abstract class AbuseGuardContract {

    /** Three requests a minute; bans of one minute, four times longer per repeat, ten at most. */
    static final AbuseGuardConfig CONFIG = AbuseGuardConfig.builder()
            .limit(3)
            .window(Duration.ofMinutes(1))
            .firstBan(Duration.ofMinutes(1))
            .banMultiplier(4)
            .maxBan(Duration.ofMinutes(10))
            .allowlist(AddressAllowlist.of("10.0.0.0/8"))
            .failurePolicy(FailurePolicy.failClosed())
            .build();

    /** A guard with a name unique to this test run, with {@link #CONFIG}. */
    protected abstract AbuseGuard create(String base);

    /** The source of the guard's own verdicts. */
    protected abstract Decision.Source source();

    /** How many racing threads the contention test uses. */
    protected int threads() {
        return 32;
    }

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private AbuseGuard listened(AbuseGuard guard) {
        guard.addListener(new AbuseListener() {
            @Override
            public void onBan(String key, Duration duration, int offences, boolean manual) {
                heard.add("ban " + shortened(key) + " " + duration + " #" + offences + (manual ? " manual" : ""));
            }

            @Override
            public void onUnban(String key) {
                heard.add("unban " + shortened(key));
            }
        });
        return guard;
    }

    private static String shortened(String key) {
        return key.length() > 20 ? key.substring(0, 3) + "(" + key.length() + ")" : key;
    }

    @Test
    void aClientPastTheLimitIsBannedAndTheBanGrowsWithEachOffence() {
        AbuseGuard guard = listened(create("grow"));
        String ip = "198.51.100.7";

        for (int i = 0; i < 3; i++) {
            AbuseVerdict allowed = guard.check(ip);
            assertThat(allowed.outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
            assertThat(allowed.source()).isEqualTo(source());
        }
        AbuseVerdict first = guard.check(ip);
        assertThat(first.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(first.offences()).isEqualTo(1);
        assertThat(first.source()).isEqualTo(source());
        AbuseVerdict still = guard.check(ip);
        assertThat(still.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(still.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(guard.banRemaining(ip).orElseThrow()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));

        // Lifting the ban keeps the offence: the next one is four times longer.
        assertThat(guard.unban(ip)).isTrue();
        assertThat(guard.unban(ip)).as("nothing left to lift").isFalse();
        assertThat(guard.banRemaining(ip)).isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(guard.check(ip).isAllowed()).isTrue();
        }
        AbuseVerdict second = guard.check(ip);
        assertThat(second.retryAfter()).isEqualTo(Duration.ofMinutes(4));
        assertThat(second.offences()).isEqualTo(2);

        assertThat(heard).containsExactly("ban " + ip + " PT1M #1", "unban " + ip, "ban " + ip + " PT4M #2");
        AbuseGuardStats stats = guard.stats();
        assertThat(stats.checks(AbuseVerdict.Outcome.ALLOWED)).isEqualTo(6);
        assertThat(stats.checks(AbuseVerdict.Outcome.BANNED)).isEqualTo(3);
        assertThat(stats.automaticBans()).isEqualTo(2);
        assertThat(stats.unbans()).isEqualTo(1);
        assertThat(stats.redisFailures()).isZero();
    }

    @Test
    void allowlistedAddressesAreNeverCounted() {
        AbuseGuard guard = create("allow");

        for (int i = 0; i < 10; i++) {
            AbuseVerdict verdict = guard.check("10.1.2.3");
            assertThat(verdict.outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWLISTED);
            assertThat(verdict.isAllowed()).isTrue();
        }
        assertThat(guard.stats().checks(AbuseVerdict.Outcome.ALLOWLISTED)).isEqualTo(10);
        assertThat(guard.check("11.1.2.3").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
    }

    @Test
    void manualBansAndUnbansAreHeardAndCounted() {
        AbuseGuard guard = listened(create("manual"));

        guard.ban("api-key-9", Duration.ofHours(1));
        AbuseVerdict banned = guard.check("api-key-9");
        assertThat(banned.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(banned.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(guard.banRemaining("api-key-9").orElseThrow())
                .isGreaterThan(Duration.ofMinutes(59))
                .isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(guard.unban("api-key-9")).isTrue();
        assertThat(guard.check("api-key-9").isAllowed()).isTrue();
        assertThat(guard.unban("never-banned")).isFalse();

        assertThat(heard).containsExactly("ban api-key-9 PT1H #0 manual", "unban api-key-9");
        assertThat(guard.stats().manualBans()).isEqualTo(1);
        assertThat(guard.stats().unbans()).isEqualTo(1);
        assertThatThrownBy(() -> guard.ban("k", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ban duration must be at least 1 ms: PT0S");
    }

    @Test
    void aTwoThousandByteKeyIsCountedAndBannedLikeAnyOther() {
        AbuseGuard guard = listened(create("long"));
        String longKey = RateLimiterContract.LONG_KEY;
        String forwardedFor = RateLimiterContract.LONG_FORWARDED_FOR;

        for (int i = 0; i < 3; i++) {
            AbuseVerdict verdict = guard.check(longKey);
            assertThat(verdict.outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWED);
            assertThat(verdict.source())
                    .as("decided by the guard, not a failure policy")
                    .isEqualTo(source());
        }
        AbuseVerdict banned = guard.check(longKey);
        assertThat(banned.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(banned.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(guard.check(longKey + "x").isAllowed())
                .as("a key one byte longer is another client")
                .isTrue();
        assertThat(guard.check(forwardedFor).isAllowed()).isTrue();
        guard.ban(forwardedFor, Duration.ofMinutes(5));
        assertThat(guard.check(forwardedFor).outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
        assertThat(guard.banRemaining(forwardedFor)).isPresent();
        assertThat(guard.unban(longKey)).isTrue();
        assertThat(guard.check(longKey).isAllowed()).isTrue();

        assertThat(heard).containsExactly("ban kkk(2000) PT1M #1", "ban 203(1312) PT5M #0 manual", "unban kkk(2000)");
        assertThat(guard.stats().redisFailures()).isZero();
    }

    @Test
    void keysThatLookAlikeWhenEncodedAreKeptApart() {
        AbuseGuard guard = create("alike");
        List<String> keys = List.of("{a}", "%7Ba%7D", "#a", "%23a", "a\uD800", "a?", " ");

        for (String key : keys) {
            guard.ban(key, Duration.ofMinutes(1));
            for (String other : keys) {
                assertThat(guard.banRemaining(other).isPresent())
                        .as("'%s' banned, '%s' asked", key, other)
                        .isEqualTo(other.equals(key));
            }
            guard.unban(key);
        }
    }

    @Test
    void nullAndEmptyKeysFailAlikeEverywhere() {
        AbuseGuard guard = create("empty");

        assertThatThrownBy(() -> guard.check(RateLimiterContract.nullKey()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> guard.check(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> guard.ban("", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> guard.unban(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> guard.banRemaining(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThat(guard.stats().checksByOutcome().values()).containsOnly(0L);
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheOthersStillHear() {
        AbuseGuard guard = create("listeners");
        guard.addListener(new AbuseListener() {
            @Override
            public void onBan(String key, Duration duration, int offences, boolean manual) {
                throw new IllegalStateException("a broken listener");
            }
        });
        listened(guard);

        guard.ban("k", Duration.ofMinutes(1));

        assertThat(heard).containsExactly("ban k PT1M #0 manual");
        assertThat(guard.stats().listenerFailures()).isEqualTo(1);
        assertThat(guard.check("k").outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
    }

    @Test
    void concurrentChecksBanOnceAndLetThroughExactlyTheLimit() throws Exception {
        AbuseGuard guard = create("race");
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads(); t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        if (guard.check("203.0.113.1").isAllowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(allowed.get()).isEqualTo(3);
        assertThat(guard.stats().automaticBans()).isEqualTo(1);
        assertThat(guard.stats().checks(AbuseVerdict.Outcome.BANNED)).isEqualTo(threads() * 20L - 3);
    }
}
