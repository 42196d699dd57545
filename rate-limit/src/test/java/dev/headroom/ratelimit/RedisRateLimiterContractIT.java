package dev.headroom.ratelimit;

import dev.headroom.core.ManualTicker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.ratelimit.internal.RedisGuard;
import dev.headroom.ratelimit.internal.RedisRateLimiter;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract on a real Redis. The script's time is the manual ticker's, in microseconds since the
 * epoch, through the test-only time argument; production never sends it and uses Redis TIME.
 */
@ExtendWith(RedisExtension.class)
class RedisRateLimiterContractIT extends RateLimiterContract {

    private static final long START_MICROS = ManualTicker.DEFAULT_START.toEpochMilli() * 1000;

    private HeadroomRedis redis;

    @BeforeEach
    void connect(TestRedis server) {
        // A generous timeout: the first scripts of a cold JVM must not be answered by the failure policy.
        redis = HeadroomRedis.connect(
                server.uri(),
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Override
    protected RateLimiter create(RateLimitPolicy policy) {
        return new RedisRateLimiter(
                policy,
                redis,
                FailurePolicy.failClosed(),
                RedisGuard.NONE,
                ticker,
                1000,
                () -> START_MICROS + ticker.nanoTime() / 1000);
    }

    @Override
    protected Decision.Source source() {
        return Decision.Source.REDIS;
    }

    @Override
    protected String name(String base) {
        return TestRedis.uniquePrefix(base);
    }
}
