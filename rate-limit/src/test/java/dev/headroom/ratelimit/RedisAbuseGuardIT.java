package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisAbuseGuardIT {

    private static final RedisSettings PATIENT =
            RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build();

    private static AbuseGuardConfig config(String name) {
        return AbuseGuardConfig.builder(name)
                .rate(3, Duration.ofMinutes(1))
                .bans(Duration.ofMinutes(1), 4, Duration.ofMinutes(10))
                .allowlist(AddressAllowlist.of("10.0.0.0/8"))
                .build();
    }

    @Test
    void aBanDecidedByOneInstanceHoldsOnEveryInstanceAndGrowsOnRepeat(TestRedis server) {
        String name = TestRedis.uniquePrefix("abuse");
        try (HeadroomRedis first = HeadroomRedis.connect(server.uri(), PATIENT);
                HeadroomRedis second = HeadroomRedis.connect(server.uri(), PATIENT)) {
            AbuseGuard one = AbuseGuard.redis(first, config(name), new ManualTicker());
            AbuseGuard two = AbuseGuard.redis(second, config(name), new ManualTicker());
            List<String> heard = new ArrayList<>();
            one.addListener((key, duration, offences, manual) -> heard.add(key + " " + duration + " #" + offences));

            assertThat(one.check("198.51.100.1").isAllowed()).isTrue();
            assertThat(two.check("198.51.100.1").isAllowed()).isTrue();
            assertThat(one.check("198.51.100.1").isAllowed()).isTrue();
            AbuseVerdict banned = one.check("198.51.100.1");
            assertThat(banned.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
            assertThat(banned.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            AbuseVerdict elsewhere = two.check("198.51.100.1");
            assertThat(elsewhere.outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
            assertThat(elsewhere.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofMinutes(1));
            assertThat(heard).containsExactly("198.51.100.1 PT1M #1");

            // Lifting the ban keeps the offence: the next one is four times longer.
            assertThat(two.unban("198.51.100.1")).isTrue();
            assertThat(one.check("198.51.100.1").isAllowed()).isTrue();
            for (int i = 0; i < 3; i++) {
                two.check("198.51.100.1");
            }
            assertThat(one.banRemaining("198.51.100.1").orElseThrow())
                    .isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4));

            for (int i = 0; i < 10; i++) {
                assertThat(one.check("10.1.2.3").outcome()).isEqualTo(AbuseVerdict.Outcome.ALLOWLISTED);
            }
        }
    }

    @Test
    void manualBansAreSharedAndSurviveARedisOutageInTheInstanceThatKnowsThem() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), PATIENT)) {
            AbuseGuard guard = AbuseGuard.redis(redis, config("outage"), new ManualTicker());
            AbuseGuard other = AbuseGuard.redis(redis, config("outage"), new ManualTicker());
            guard.ban("api-key-1", Duration.ofHours(1));
            assertThat(other.check("api-key-1").outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);

            server.stop();

            AbuseVerdict during = other.check("api-key-1");
            assertThat(during.outcome()).as("remembered from Redis's answer").isEqualTo(AbuseVerdict.Outcome.BANNED);
            assertThat(other.check("new-client").isAllowed()).isTrue();
            assertThat(other.stats().redisFailures()).isEqualTo(2);
        }
    }
}
