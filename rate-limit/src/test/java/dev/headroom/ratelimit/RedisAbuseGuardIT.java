package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only a shared guard does: bans decided by one instance hold on every other. */
@ExtendWith(RedisExtension.class)
class RedisAbuseGuardIT {

    @Test
    void aBanDecidedByOneInstanceHoldsOnEveryInstance(TestRedis server) {
        String name = TestRedis.uniquePrefix("abuse");
        try (HeadroomRedis first = HeadroomRedis.connect(server.uri(), RedisTestComponents.PATIENT);
                HeadroomRedis second = HeadroomRedis.connect(server.uri(), RedisTestComponents.PATIENT)) {
            AbuseGuard one = AbuseGuard.redis(name, AbuseGuardContract.CONFIG, first, new ManualTicker());
            AbuseGuard two = AbuseGuard.redis(name, AbuseGuardContract.CONFIG, second, new ManualTicker());

            assertThat(one.check("198.51.100.1").isAllowed()).isTrue();
            assertThat(two.check("198.51.100.1").isAllowed()).isTrue();
            assertThat(one.check("198.51.100.1").isAllowed()).isTrue();
            AbuseVerdict banned = two.check("198.51.100.1");
            assertThat(banned.outcome())
                    .as("the fourth request, made on the other instance")
                    .isEqualTo(AbuseVerdict.Outcome.BANNED);
            assertThat(one.check("198.51.100.1").outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);

            one.ban(RateLimiterContract.LONG_KEY, Duration.ofHours(1));
            assertThat(two.check(RateLimiterContract.LONG_KEY).outcome()).isEqualTo(AbuseVerdict.Outcome.BANNED);
            assertThat(two.unban(RateLimiterContract.LONG_KEY)).isTrue();
            assertThat(one.banRemaining(RateLimiterContract.LONG_KEY)).isEmpty();
            assertThat(one.stats().redisFailures() + two.stats().redisFailures())
                    .isZero();
        }
    }
}
