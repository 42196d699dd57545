package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.UserKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RateLimiter} honours, run against the in-memory limiter, the Redis
 * limiter and the Redis limiter on a Redis Cluster. Every expected number below is computed by hand
 * from the algorithm's definition; the time is a {@link ManualTicker} that starts on a whole hour,
 * which every implementation sees (Redis through the script's test time argument).
 */
abstract class RateLimiterContract {

    /** A key of 2,000 bytes: over any bound a Redis key could have had. */
    static final String LONG_KEY = "k".repeat(2000);

    /** An {@code X-Forwarded-For} header of over 1,024 bytes, as a proxy chain or an attacker sends. */
    static final String LONG_FORWARDED_FOR = "203.0.113.7, ".repeat(100) + "198.51.100.1";

    protected final ManualTicker ticker = new ManualTicker();

    protected final ManualScheduler scheduler = new ManualScheduler(ticker);

    /** A limiter for {@code policy} whose clock is {@link #ticker}, created at ticker time 0. */
    protected abstract RateLimiter create(RateLimitPolicy policy);

    /** The source decisions report. */
    protected abstract Decision.Source source();

    /** A policy name unique to this test run. */
    protected abstract String name(String base);

    private static final Duration MS = Duration.ofMillis(1);

    private static void expect(Decision d, boolean allowed, long remaining, Duration reset, Duration retryAfter) {
        assertThat(d.isAllowed()).as("allowed of %s", d).isEqualTo(allowed);
        assertThat(d.remaining()).as("remaining of %s", d).isEqualTo(remaining);
        assertThat(d.reset()).as("reset of %s", d).isEqualTo(reset);
        assertThat(d.retryAfter()).as("retryAfter of %s", d).isEqualTo(retryAfter);
    }

    @Test
    void tokenBucketAllowsTheCapacityThenOneTokenPerInterval() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("tb"), Limit.tokenBucket("b", 3, 1, Duration.ofMillis(100))));

        expect(limiter.tryAcquire("k"), true, 2, MS.multipliedBy(100), Duration.ZERO);
        expect(limiter.tryAcquire("k"), true, 1, MS.multipliedBy(200), Duration.ZERO);
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(300), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, MS.multipliedBy(300), MS.multipliedBy(100));
        ticker.advanceMillis(50);
        expect(limiter.tryAcquire("k"), false, 0, MS.multipliedBy(250), MS.multipliedBy(50));
        ticker.advanceMillis(50);
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(300), Duration.ZERO);
        ticker.advanceMillis(1000);
        expect(limiter.peek("k"), true, 3, Duration.ZERO, Duration.ZERO);
        expect(limiter.tryAcquire("k", 2), true, 1, MS.multipliedBy(200), Duration.ZERO);
        Decision never = limiter.tryAcquire("k", 4);
        assertThat(never.isAllowed()).isFalse();
        assertThat(never.retryAfterNanos()).isEqualTo(Decision.NEVER);
        expect(limiter.tryAcquire("other"), true, 2, MS.multipliedBy(100), Duration.ZERO);
        assertThat(never.source()).isEqualTo(source());
    }

    @Test
    void tokenBucketStartsWithItsInitialTokens() {
        RateLimiter limiter = create(RateLimitPolicy.of(
                name("tbi"), Limit.tokenBucket("b", 4, 1, Duration.ofSeconds(1)).withInitialTokens(1)));

        expect(limiter.tryAcquire("k"), true, 0, Duration.ofSeconds(4), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, Duration.ofSeconds(4), Duration.ofSeconds(1));
    }

    @Test
    void gcraSpacesRequestsAfterTheBurst() {
        RateLimiter limiter = create(RateLimitPolicy.of(name("gcra"), Limit.gcra("g", 10, Duration.ofSeconds(1), 2)));

        expect(limiter.tryAcquire("k"), true, 1, MS.multipliedBy(100), Duration.ZERO);
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(200), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, MS.multipliedBy(200), MS.multipliedBy(100));
        ticker.advanceMillis(100);
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(200), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, MS.multipliedBy(200), MS.multipliedBy(100));
    }

    @Test
    void fixedWindowCountsPerWindow() {
        RateLimiter limiter = create(RateLimitPolicy.of(name("fw"), Limit.fixedWindow("w", 3, Duration.ofSeconds(1))));

        expect(limiter.tryAcquire("k"), true, 2, Duration.ofSeconds(1), Duration.ZERO);
        expect(limiter.tryAcquire("k"), true, 1, Duration.ofSeconds(1), Duration.ZERO);
        expect(limiter.tryAcquire("k"), true, 0, Duration.ofSeconds(1), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
        ticker.advanceMillis(999);
        expect(limiter.tryAcquire("k"), false, 0, MS, MS);
        ticker.advanceMillis(1);
        expect(limiter.peek("k"), true, 3, Duration.ZERO, Duration.ZERO);
        expect(limiter.tryAcquire("k", 3), true, 0, Duration.ofSeconds(1), Duration.ZERO);
        assertThat(limiter.tryAcquire("k", 4).retryAfterNanos()).isEqualTo(Decision.NEVER);
    }

    @Test
    void slidingWindowWeighsThePreviousWindow() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("sw"), Limit.slidingWindow("s", 4, Duration.ofSeconds(1))));

        for (int i = 3; i >= 0; i--) {
            expect(limiter.tryAcquire("k"), true, i, Duration.ofSeconds(2), Duration.ZERO);
        }
        // Full: wait for the next window, where 4 x (1000 - e) / 1000 + 1 <= 4 at e = 250 ms.
        expect(limiter.tryAcquire("k"), false, 0, Duration.ofSeconds(2), MS.multipliedBy(1250));
        ticker.advanceMillis(1000);
        // estimate = 4 x 1 + 0 = 4: still full; the previous window weighs 3 at e = 250 ms.
        expect(limiter.tryAcquire("k"), false, 0, Duration.ofSeconds(1), MS.multipliedBy(250));
        ticker.advanceMillis(250);
        // estimate = 4 x 0.75 + 0 = 3, so one more passes and leaves 4 - (3 + 1) = 0.
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(1750), Duration.ZERO);
        ticker.advanceMillis(250);
        // estimate = 4 x 0.5 + 1 = 3.
        expect(limiter.tryAcquire("k"), true, 0, MS.multipliedBy(1500), Duration.ZERO);
        ticker.advanceMillis(1000);
        // Next window, e = 500 ms: estimate = 2 x 0.5 + 0 = 1.
        expect(limiter.peek("k"), true, 3, MS.multipliedBy(500), Duration.ZERO);
    }

    @Test
    void severalLimitsOnOneKeyAreAllConsumedOrNone() {
        RateLimiter limiter = create(RateLimitPolicy.of(
                name("multi"),
                Limit.tokenBucket("hourly", 2, 1, Duration.ofHours(1)),
                Limit.fixedWindow("second", 1, Duration.ofSeconds(1))));

        Decision first = limiter.tryAcquire("k");
        assertThat(first.isAllowed()).isTrue();
        assertThat(first.limit().name()).isEqualTo("second");
        assertThat(first.remaining()).isZero();
        Decision second = limiter.tryAcquire("k");
        assertThat(second.isAllowed()).isFalse();
        assertThat(second.limit().name()).isEqualTo("second");
        assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        ticker.advanceMillis(1000);
        // Had the denial taken an hourly token, this would be denied by "hourly".
        Decision third = limiter.tryAcquire("k");
        assertThat(third.isAllowed()).isTrue();
        assertThat(third.limit().name()).isEqualTo("hourly");
        assertThat(third.remaining()).isZero();
        ticker.advanceMillis(1000);
        Decision fourth = limiter.tryAcquire("k");
        assertThat(fourth.isAllowed()).isFalse();
        assertThat(fourth.limit().name()).isEqualTo("hourly");
        assertThat(fourth.retryAfter()).isEqualTo(Duration.ofSeconds(3598));
    }

    @Test
    void severalKeysAreAllConsumedOrNone() {
        RateLimiter limiter = create(RateLimitPolicy.builder(name("keys"))
                .scope("org", Limit.fixedWindow("org", 3, Duration.ofSeconds(10)))
                .scope("user", Limit.fixedWindow("user", 2, Duration.ofSeconds(10)))
                .build());

        assertThat(limiter.tryAcquire(List.of("acme", "alice"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("acme", "alice"), 1).isAllowed()).isTrue();
        Decision aliceDenied = limiter.tryAcquire(List.of("acme", "alice"), 1);
        assertThat(aliceDenied.isAllowed()).isFalse();
        assertThat(aliceDenied.limit().name()).isEqualTo("user");
        // Alice's denial took nothing from the organization: one permit is left for Bob.
        Decision bob = limiter.tryAcquire(List.of("acme", "bob"), 1);
        assertThat(bob.isAllowed()).isTrue();
        assertThat(bob.limit().name()).isEqualTo("org");
        assertThat(bob.remaining()).isZero();
        Decision bobDenied = limiter.tryAcquire(List.of("acme", "bob"), 1);
        assertThat(bobDenied.isAllowed()).isFalse();
        assertThat(bobDenied.limit().name()).isEqualTo("org");
        assertThat(limiter.tryAcquire(List.of("globex", "alice"), 1).isAllowed())
                .isTrue();
    }

    @Test
    void peekingChangesNothing() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("peek"), Limit.fixedWindow("w", 1, Duration.ofSeconds(1))));

        for (int i = 0; i < 5; i++) {
            expect(limiter.peek("k"), true, 1, Duration.ZERO, Duration.ZERO);
        }
        expect(limiter.tryAcquire("k"), true, 0, Duration.ofSeconds(1), Duration.ZERO);
        // Zero permits always fit: a peek reports the state, here nothing left.
        expect(limiter.peek("k"), true, 0, Duration.ofSeconds(1), Duration.ZERO);
        expect(limiter.tryAcquire("k"), false, 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void asyncDecisionsAgreeWithSyncOnes() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("async"), Limit.fixedWindow("w", 2, Duration.ofSeconds(1))));

        assertThat(limiter.tryAcquireAsync("k", 1).join().remaining()).isEqualTo(1);
        assertThat(limiter.tryAcquireAsync(List.of("k"), 1).join().remaining()).isZero();
        assertThat(limiter.tryAcquireAsync("k", 1).join().isAllowed()).isFalse();
    }

    @Test
    void policyChangesKeepState() {
        RateLimitPolicy policy = RateLimitPolicy.of(name("update"), Limit.fixedWindow("w", 3, Duration.ofSeconds(10)));
        RateLimiter limiter = create(policy);
        limiter.tryAcquire("k", 2);

        limiter.updatePolicy(policy.withLimits("key", List.of(Limit.fixedWindow("w", 5, Duration.ofSeconds(10)))));

        Decision after = limiter.tryAcquire("k");
        assertThat(after.remaining()).isEqualTo(2);
        assertThat(after.quota()).isEqualTo(5);
        assertThatThrownBy(() -> limiter.updatePolicy(RateLimitPolicy.of("other", Limit.fixedWindow("w", 1, MS))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not compatible");
    }

    @Test
    void keysWithBracesAndPercentSignsAreKeptApart() {
        RateLimiter limiter = create(RateLimitPolicy.of(name("odd"), Limit.fixedWindow("w", 1, Duration.ofSeconds(1))));

        assertThat(limiter.tryAcquire("{a}").isAllowed()).isTrue();
        assertThat(limiter.tryAcquire("%7Ba%7D").isAllowed()).isTrue();
        assertThat(limiter.tryAcquire("{a}").isAllowed()).isFalse();
    }

    @Test
    void aTwoThousandByteKeyDecidesLikeAnyOther() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("long"), Limit.fixedWindow("w", 2, Duration.ofSeconds(10))));

        expect(limiter.tryAcquire(LONG_KEY), true, 1, Duration.ofSeconds(10), Duration.ZERO);
        expect(limiter.tryAcquire(LONG_KEY), true, 0, Duration.ofSeconds(10), Duration.ZERO);
        Decision denied = limiter.tryAcquire(LONG_KEY);
        expect(denied, false, 0, Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(denied.source())
                .as("decided by the limiter, not a failure policy")
                .isEqualTo(source());
        assertThat(limiter.tryAcquireAsync(LONG_KEY, 1).join().isAllowed()).isFalse();
        assertThat(limiter.tryAcquire(LONG_KEY + "x").isAllowed())
                .as("a key one byte longer is another key")
                .isTrue();
        assertThat(limiter.tryAcquire(LONG_FORWARDED_FOR).remaining()).isEqualTo(1);
        assertThat(limiter.tryAcquire(LONG_FORWARDED_FOR).remaining()).isZero();
        assertThat(limiter.tryAcquire(LONG_FORWARDED_FOR).isAllowed()).isFalse();
        assertThat(limiter.stats().redisFailures()).isZero();
    }

    @Test
    void longKeysInEveryScopeAreConsumedOrNone() {
        RateLimiter limiter = create(RateLimitPolicy.builder(name("longscopes"))
                .scope("org", Limit.fixedWindow("org", 2, Duration.ofSeconds(10)))
                .scope("user", Limit.fixedWindow("user", 1, Duration.ofSeconds(10)))
                .build());

        assertThat(limiter.tryAcquire(List.of(LONG_KEY, LONG_FORWARDED_FOR), 1).isAllowed())
                .isTrue();
        Decision userDenied = limiter.tryAcquire(List.of(LONG_KEY, LONG_FORWARDED_FOR), 1);
        assertThat(userDenied.isAllowed()).isFalse();
        assertThat(userDenied.limit().name()).isEqualTo("user");
        assertThat(userDenied.source()).isEqualTo(source());
        Decision other = limiter.tryAcquire(List.of(LONG_KEY, LONG_FORWARDED_FOR + "x"), 1);
        assertThat(other.isAllowed()).isTrue();
        assertThat(other.limit().name()).isEqualTo("org");
        assertThat(limiter.tryAcquire(List.of(LONG_KEY, "u"), 1).limit().name()).isEqualTo("org");
        assertThat(limiter.stats().redisFailures()).isZero();
    }

    @Test
    void keysThatLookAlikeWhenEncodedAreKeptApart() {
        RateLimiter limiter =
                create(RateLimitPolicy.of(name("alike"), Limit.fixedWindow("w", 1, Duration.ofSeconds(10))));
        List<String> keys = List.of(
                "{a}",
                "%7Ba%7D",
                "#a",
                "%23a",
                "a\uD800",
                "a\uDC00",
                "a?",
                "a\uFFFD",
                " ",
                "x".repeat(300),
                "x".repeat(301),
                UserKeys.canonical("x".repeat(300)));

        for (String key : keys) {
            assertThat(limiter.tryAcquire(key).isAllowed())
                    .as("first use of '%s'", key)
                    .isTrue();
        }
        for (String key : keys) {
            assertThat(limiter.tryAcquire(key).isAllowed())
                    .as("second use of '%s'", key)
                    .isFalse();
        }
    }

    @Test
    void aLaterScopesKeyNeverMergesWithTheFirstKey() {
        RateLimiter limiter = create(RateLimitPolicy.builder(name("joins"))
                .scope("org", Limit.fixedWindow("org", 10, Duration.ofSeconds(10)))
                .scope("user", Limit.fixedWindow("user", 1, Duration.ofSeconds(10)))
                .build());

        assertThat(limiter.tryAcquire(List.of("a\u0000b", "c"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("a", "b\u0000c"), 1).isAllowed())
                .as("another organization and user")
                .isTrue();
        assertThat(limiter.tryAcquire(List.of("a}b", "c"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("a", "b}c"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("a:b", "c"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("a", "b:c"), 1).isAllowed()).isTrue();
        assertThat(limiter.tryAcquire(List.of("a", "b\u0000c"), 1).isAllowed()).isFalse();
    }

    @Test
    void nullAndEmptyKeysFailAlikeEverywhere() {
        RateLimiter limiter = create(RateLimitPolicy.of(name("empty"), Limit.fixedWindow("w", 1, MS)));

        assertThatThrownBy(() -> limiter.tryAcquire(nullKey()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> limiter.tryAcquire(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> limiter.tryAcquireAsync("", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> limiter.tryAcquire(List.of(""), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThat(limiter.stats().allowed() + limiter.stats().denied()).isZero();
    }

    @Test
    void programmingErrorsThrow() {
        RateLimiter limiter = create(RateLimitPolicy.builder(name("errors"))
                .scope("org", Limit.fixedWindow("w", 1, MS))
                .scope("user", Limit.fixedWindow("w", 1, MS))
                .build());

        assertThatThrownBy(() -> limiter.tryAcquire("one-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs one key per scope");
        assertThatThrownBy(() -> limiter.tryAcquire(List.of("a", ""), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> limiter.tryAcquire(List.of("a", "b"), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permits must not be negative: -1");
    }

    @SuppressWarnings("NullAway") // The point: a caller outside null-checked code.
    static String nullKey() {
        return null;
    }
}
