package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisRateLimiterIT {

    private static final RedisSettings PATIENT =
            RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build();

    private static RateLimitPolicy orgAndUser(String name) {
        return RateLimitPolicy.builder(name)
                .scope("org", Limit.gcra("org", 1000, Duration.ofHours(1), 100))
                .scope(
                        "user",
                        Limit.tokenBucket("burst", 10, 1, Duration.ofHours(1)),
                        Limit.slidingWindow("hourly", 50, Duration.ofHours(1)))
                .build();
    }

    @Test
    void everyDecisionIsOneEvalshaWhateverTheNumberOfLimitsAndKeys() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis).build().limiter(orgAndUser("api"));
            limiter.tryAcquire(List.of("acme", "warm-up"), 1); // loads the script: one EVAL
            RedisPlumbing.of(redis).sync().configResetstat();

            int decisions = 0;
            for (int i = 0; i < 100; i++) {
                assertThat(limiter.tryAcquire(List.of("acme", "user-" + (i % 20)), 1)
                                .source())
                        .isEqualTo(Decision.Source.REDIS);
                decisions++;
            }
            List<CompletableFuture<Decision>> pending = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                pending.add(limiter.tryAcquireAsync(List.of("acme", "async-" + i), 1));
                decisions++;
            }
            pending.forEach(CompletableFuture::join);

            String stats = RedisPlumbing.of(redis).sync().info("commandstats");
            assertThat(calls(stats, "evalsha")).isEqualTo(decisions);
            assertThat(calls(stats, "eval")).isZero();
            // Everything else the server ran was inside the script, or this test's own INFO.
            assertThat(commands(stats)).isSubsetOf("evalsha", "get", "set", "time", "info", "config|resetstat");
        }
    }

    @Test
    void aSingleBucketDecisionIsOneEvalshaWithAOneIntegerReply() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis)
                    .build()
                    .limiter(RateLimitPolicy.of("one", Limit.tokenBucket("b", 3, 1, Duration.ofHours(1))));
            limiter.tryAcquire("warm-up");
            RedisPlumbing.of(redis).sync().configResetstat();

            List<Decision> decisions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                decisions.add(limiter.tryAcquire("k"));
            }
            decisions.add(limiter.tryAcquireAsync("k", 0).join());

            assertThat(decisions).extracting(Decision::isAllowed).containsExactly(true, true, true, false, true);
            assertThat(decisions).extracting(Decision::remaining).containsExactly(2L, 1L, 0L, 0L, 0L);
            assertThat(decisions.get(3).retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
            assertThat(decisions).extracting(Decision::source).containsOnly(Decision.Source.REDIS);
            String stats = RedisPlumbing.of(redis).sync().info("commandstats");
            assertThat(calls(stats, "evalsha")).isEqualTo(5);
            assertThat(commands(stats)).isSubsetOf("evalsha", "get", "set", "time", "info", "config|resetstat");
            long ttl = RedisPlumbing.of(redis).sync().pttl(bytes("hr:{rl:one:k}:key:b"));
            assertThat(ttl)
                    .isBetween(
                            Duration.ofHours(3).minusMinutes(1).toMillis(),
                            Duration.ofHours(3).toMillis() + 1);
        }
    }

    @Test
    void productionTimeComesFromRedisAndKeysExpireWhenIdle(TestRedis server) {
        String policy = TestRedis.uniquePrefix("ttl");
        try (HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis).build().limiter(orgAndUser(policy));

            for (int i = 0; i < 10; i++) {
                assertThat(limiter.tryAcquire(List.of("acme", "alice"), 1).isAllowed())
                        .isTrue();
            }
            Decision eleventh = limiter.tryAcquire(List.of("acme", "alice"), 1);
            assertThat(eleventh.isAllowed()).isFalse();
            assertThat(eleventh.limit().name()).isEqualTo("burst");
            assertThat(eleventh.retryAfter()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));

            String tag = "hr:{rl:" + policy + ":acme}:";
            long orgTtl = RedisPlumbing.of(redis).sync().pttl(bytes(tag + "org:org"));
            long burstTtl = RedisPlumbing.of(redis).sync().pttl(bytes(tag + "user:alice:burst"));
            long hourlyTtl = RedisPlumbing.of(redis).sync().pttl(bytes(tag + "user:alice:hourly"));
            // org: 10 of 100 burst at 3.6 s per token refill in 36 s; burst: 10 hours; hourly: < 2 windows.
            assertThat(orgTtl).isBetween(30_000L, 36_001L);
            assertThat(burstTtl)
                    .isBetween(
                            Duration.ofHours(10).minusMinutes(1).toMillis(),
                            Duration.ofHours(10).toMillis() + 1);
            assertThat(hourlyTtl)
                    .isBetween(
                            Duration.ofHours(1).toMillis(), Duration.ofHours(2).toMillis());
        }
    }

    @Test
    void keysWithHashTagCharactersStayInOneSlot(TestRedis server) {
        String policy = TestRedis.uniquePrefix("braces");
        try (HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis)
                    .build()
                    .limiter(RateLimitPolicy.of(policy, Limit.fixedWindow("w", 1, Duration.ofHours(1))));

            assertThat(limiter.tryAcquire("{evil}:x%").isAllowed()).isTrue();

            assertThat(RedisPlumbing.of(redis).sync().exists(bytes("hr:{rl:" + policy + ":%7Bevil%7D:x%25}:key:w")))
                    .isEqualTo(1);
        }
    }

    @Test
    void aSingleBucketTakesManyPermitsAndNonAsciiKeysOnRedisTime(TestRedis server) {
        String policy = TestRedis.uniquePrefix("many");
        try (HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            RateLimiter limiter = RedisRateLimiters.builder(redis)
                    .build()
                    .limiter(RateLimitPolicy.of(policy, Limit.tokenBucket("b", 100, 1, Duration.ofDays(1))));

            // 40 permits is past the arguments the limiter prepares once; the key is UTF-8 with a
            // hash tag character.
            Decision forty = limiter.tryAcquire("zoë{x", 40);
            assertThat(forty.isAllowed()).isTrue();
            assertThat(forty.remaining()).isEqualTo(60);
            Decision tooMany = limiter.tryAcquire("zoë{x", Integer.MAX_VALUE);
            assertThat(tooMany.isAllowed()).isFalse();
            assertThat(tooMany.retryAfterNanos()).isEqualTo(Decision.NEVER);
            assertThat(tooMany.remaining()).isEqualTo(60);
            assertThat(limiter.peek("zoë{x").remaining()).isEqualTo(60);
            assertThat(limiter.tryAcquire("zoë", 1).remaining()).isEqualTo(99);

            byte[] key = bytes("hr:{rl:" + policy + ":zoë%7Bx}:key:b");
            assertThat(RedisPlumbing.of(redis).sync().get(key)).isNotNull();
            assertThat(RedisPlumbing.of(redis).sync().pttl(key))
                    .isBetween(
                            Duration.ofDays(40).minusMinutes(1).toMillis(),
                            Duration.ofDays(40).toMillis() + 1);
            assertThat(RedisPlumbing.of(redis).sync().exists(bytes("hr:{rl:" + policy + ":zoë}:key:b")))
                    .isEqualTo(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static long calls(String commandStats, String command) {
        Matcher matcher = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)")
                .matcher(commandStats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    static List<String> commands(String commandStats) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("cmdstat_([a-z|_-]+):calls=").matcher(commandStats);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
