package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Redis is stopped while eight threads make decisions on three limiters, one per failure policy,
 * then started again. Every decision must be answered, without an exception, by Redis or by the
 * limiter's failure policy, within a bound set by the command timeout; the breaker must take Redis
 * off the path during the outage; and Redis must decide again once it is back.
 */
class RedisFailureDrillIT {

    private static final int THREADS = 8;
    private static final long MAX_DECISIONS_PER_THREAD = 300_000;
    private static final Limit LIMIT = Limit.tokenBucket("b", 1_000_000, 1_000_000, Duration.ofSeconds(1));

    /** One limiter under load and what its callers saw, by source. */
    private static final class Subject {
        final RateLimiter limiter;
        final LongAdder[] bySource = new LongAdder[Decision.Source.values().length];

        Subject(RateLimiter limiter) {
            this.limiter = limiter;
            for (int i = 0; i < bySource.length; i++) {
                bySource[i] = new LongAdder();
            }
        }

        @SuppressWarnings("EnumOrdinal")
        long seen(Decision.Source source) {
            return bySource[source.ordinal()].sum();
        }

        @SuppressWarnings("EnumOrdinal")
        void saw(Decision decision) {
            bySource[decision.source().ordinal()].increment();
        }
    }

    @Test
    void everyDecisionIsAnsweredWhileRedisIsDownAndRedisDecidesAgainWhenItIsBack() throws Exception {
        // A one-second command timeout: short, yet long enough for a loaded test machine to connect.
        RedisSettings settings =
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(1)).build();
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), settings)) {
            // One breaker for the three limiters, as for components sharing one Redis; a call counts
            // as slow only past the command timeout.
            CircuitBreaker breaker = CircuitBreaker.of(
                    "drill",
                    CircuitBreakerConfig.DEFAULT_REDIS_BREAKER.toBuilder()
                            .slowCallDuration(Duration.ofSeconds(1))
                            .build(),
                    Ticker.system());
            Subject fallback = new Subject(limiter(redis, breaker, "drill", FailurePolicy.localFallback(2)));
            Subject open = new Subject(limiter(redis, breaker, "drill-open", FailurePolicy.failOpen()));
            Subject closed = new Subject(limiter(redis, breaker, "drill-closed", FailurePolicy.failClosed()));
            List<Subject> subjects = List.of(fallback, open, closed);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong slowest = new AtomicLong();
            LongAdder exceptions = new LongAdder();
            LongAdder decisions = new LongAdder();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    for (long i = 0; running.get() && i < MAX_DECISIONS_PER_THREAD; i++) {
                        Subject subject = subjects.get((int) ((thread + i) % subjects.size()));
                        long start = System.nanoTime();
                        try {
                            subject.saw(subject.limiter.tryAcquire("user-" + (i % 100)));
                            decisions.increment();
                        } catch (RuntimeException e) {
                            exceptions.increment();
                        }
                        slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                }));
            }
            try {
                Await.until("decisions from Redis", () -> redisDecisions(subjects) > 1000);
                server.stop();
                Await.until(
                        "every failure policy answering",
                        () -> fallback.seen(Decision.Source.LOCAL_FALLBACK) > 1000
                                && open.seen(Decision.Source.FAIL_OPEN) > 1000
                                && closed.seen(Decision.Source.FAIL_CLOSED) > 1000);
                long redisBefore = redisDecisions(subjects);
                server.start();
                Await.until("Redis deciding again", () -> redisDecisions(subjects) > redisBefore + 1000);
            } finally {
                running.set(false);
                for (Future<?> worker : workers) {
                    worker.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }

            assertThat(exceptions.sum()).as("exceptions reaching callers").isZero();
            assertThat(slowest.get())
                    .as("the slowest decision, bounded by the 1 s command timeout")
                    .isLessThan(Duration.ofSeconds(3).toNanos());
            assertThat(open.limiter.stats().decisions(Decision.Source.FAIL_OPEN, false))
                    .as("fail-open denied nothing")
                    .isZero();
            assertThat(closed.limiter.stats().decisions(Decision.Source.FAIL_CLOSED, true))
                    .as("fail-closed allowed nothing")
                    .isZero();
            assertThat(fallback.limiter.stats().decisions(Decision.Source.LOCAL_FALLBACK, true))
                    .as("the local fallback allowed within its half share")
                    .isPositive();
            long counted = 0;
            for (Subject subject : subjects) {
                assertThat(subject.limiter.stats().redisFailures()).isPositive();
                counted += subject.limiter.stats().allowed()
                        + subject.limiter.stats().denied();
            }
            assertThat(counted).as("every decision counted").isEqualTo(decisions.sum());
            assertThat(breaker.stats().rejectedCalls())
                    .as("the open breaker answered outage decisions without touching Redis")
                    .isPositive();
        }
    }

    private static RateLimiter limiter(HeadroomRedis redis, CircuitBreaker breaker, String name, FailurePolicy policy) {
        return RateLimiter.redis(
                RateLimitPolicy.of(name, LIMIT),
                RateLimiterConfig.builder()
                        .failurePolicy(policy)
                        .redisBreaker(breaker)
                        .build(),
                redis);
    }

    private static long redisDecisions(List<Subject> subjects) {
        long sum = 0;
        for (Subject subject : subjects) {
            sum += subject.seen(Decision.Source.REDIS);
        }
        return sum;
    }
}
