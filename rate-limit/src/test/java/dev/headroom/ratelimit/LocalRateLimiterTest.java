package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.ratelimit.internal.LocalRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private static final int THREADS = 64;
    private static final int TRIES = 200;

    private final ManualTicker ticker = new ManualTicker();
    private final ManualScheduler scheduler = new ManualScheduler(ticker);

    private LocalRateLimiter limiter(Limit... limits) {
        return new LocalRateLimiter(RateLimitPolicy.of("t", limits), 1_000_000, scheduler);
    }

    /** Runs {@code task(thread, try)} on 64 threads released together; returns how many it allowed. */
    private static int race(TaskBody task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger allowed = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRIES; i++) {
                        if (task.run(thread, i)) {
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
        return allowed.get();
    }

    @FunctionalInterface
    private interface TaskBody {
        boolean run(int thread, int attempt);
    }

    @Test
    void tokenBucketGrantsExactlyItsCapacityUnderContention() throws Exception {
        LocalRateLimiter limiter = limiter(Limit.tokenBucket("b", 1000, 1, Duration.ofHours(1)));

        int allowed = race((t, i) -> limiter.tryAcquire("hot").isAllowed());

        assertThat(allowed).isEqualTo(1000);
        assertThat(limiter.stats().allowed()).isEqualTo(1000);
        assertThat(limiter.stats().denied()).isEqualTo(THREADS * TRIES - 1000);
    }

    @Test
    void windowsGrantExactlyTheirLimitUnderContention() throws Exception {
        LocalRateLimiter fixed = limiter(Limit.fixedWindow("f", 777, Duration.ofHours(1)));
        LocalRateLimiter sliding = limiter(Limit.slidingWindow("s", 555, Duration.ofHours(1)));
        LocalRateLimiter gcra = limiter(Limit.gcra("g", 10, Duration.ofHours(1), 333));

        assertThat(race((t, i) -> fixed.tryAcquire("hot").isAllowed())).isEqualTo(777);
        assertThat(race((t, i) -> sliding.tryAcquire("hot").isAllowed())).isEqualTo(555);
        assertThat(race((t, i) -> gcra.tryAcquire("hot", 1 + i % 3).isAllowed()))
                .isLessThanOrEqualTo(333);
    }

    @Test
    void multiKeyDecisionsNeverOverGrantAndLoseNothing() throws Exception {
        RateLimiter limiter = RateLimiter.local(
                RateLimitPolicy.builder("mk")
                        .scope("org", Limit.fixedWindow("org", 500, Duration.ofHours(1)))
                        .scope("user", Limit.tokenBucket("user", 100, 1, Duration.ofHours(1)))
                        .build(),
                RateLimiterConfig.ofDefaults(),
                scheduler);
        AtomicLongArray perUser = new AtomicLongArray(8);

        int allowed = race((t, i) -> {
            boolean ok = limiter.tryAcquire(List.of("acme", "u" + t % 8), 1).isAllowed();
            if (ok) {
                perUser.incrementAndGet(t % 8);
            }
            return ok;
        });
        // Drain sequentially what the race left: a lost or leaked permit would show here.
        int drained = 0;
        for (int u = 0; u < 8; u++) {
            while (limiter.tryAcquire(List.of("acme", "u" + u), 1).isAllowed()) {
                perUser.incrementAndGet(u);
                drained++;
            }
        }

        assertThat(allowed).isLessThanOrEqualTo(500);
        assertThat(allowed + drained).isEqualTo(500);
        for (int u = 0; u < 8; u++) {
            assertThat(perUser.get(u)).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void idleKeysAreDroppedAsNewKeysArriveAndCleanUpDropsTheRest() {
        LocalRateLimiter limiter = limiter(Limit.tokenBucket("b", 2, 1, Duration.ofSeconds(1)));
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("old-" + i);
        }
        assertThat(limiter.trackedKeys(0, 0)).isEqualTo(1000);

        ticker.advance(Duration.ofSeconds(1)); // every old bucket is full again: as good as new
        for (int i = 0; i < 300; i++) {
            limiter.tryAcquire("new-" + i);
        }
        assertThat(limiter.trackedKeys(0, 0)).isLessThan(1000);

        ticker.advance(Duration.ofSeconds(1));
        limiter.cleanUp();
        assertThat(limiter.trackedKeys(0, 0)).isZero();
        // A dropped key starts over as a new one: full.
        assertThat(limiter.tryAcquire("old-1").remaining()).isEqualTo(1);
    }

    @Test
    void aKeyCapRefusesNewKeysUntilOldOnesAreIdle() {
        LocalRateLimiter limiter = new LocalRateLimiter(
                RateLimitPolicy.of("cap", Limit.fixedWindow("w", 5, Duration.ofSeconds(1))), 10, scheduler);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("k" + i).isAllowed()).isTrue();
        }

        Decision refused = limiter.tryAcquire("k10");
        assertThat(refused.isAllowed()).isFalse();
        assertThat(limiter.stats().keysRejected()).isEqualTo(1);
        assertThat(limiter.tryAcquire("k3").isAllowed())
                .as("known keys still decide")
                .isTrue();

        ticker.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k10").isAllowed()).isTrue();
        assertThat(limiter.trackedKeys(0, 0)).isLessThanOrEqualTo(10);
    }

    @Test
    void aFloodOfNewKeysAgainstAFullTableIsRefusedAndCounted() {
        LocalRateLimiter limiter = new LocalRateLimiter(
                RateLimitPolicy.of("flood", Limit.fixedWindow("w", 5, Duration.ofMinutes(1))), 100, scheduler);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("busy-" + i);
        }

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire("attacker-" + i).isAllowed()).isFalse();
        }

        assertThat(limiter.stats().keysRejected()).isEqualTo(10_000);
        assertThat(limiter.trackedKeys(0, 0)).isEqualTo(100);
        assertThat(limiter.tryAcquire("busy-7").remaining())
                .as("known keys are unaffected")
                .isEqualTo(3);
    }

    @Test
    void aBucketKeepsItsStateAcrossAPolicyChange() {
        RateLimitPolicy policy = RateLimitPolicy.of("p", Limit.tokenBucket("b", 10, 10, Duration.ofSeconds(10)));
        LocalRateLimiter limiter = new LocalRateLimiter(policy, 100, scheduler);
        limiter.tryAcquire("k", 4);

        // Same refill time per token, bigger bucket: the 4 taken stay taken.
        limiter.updatePolicy(policy.withLimits("key", List.of(Limit.tokenBucket("b", 20, 20, Duration.ofSeconds(20)))));
        assertThat(limiter.peek("k").remaining()).isEqualTo(16);

        // Smaller bucket: the 4 seconds of refill still owed are kept, so it reads empty until the
        // debt is under its 2 seconds.
        limiter.updatePolicy(policy.withLimits("key", List.of(Limit.tokenBucket("b", 2, 2, Duration.ofSeconds(2)))));
        assertThat(limiter.peek("k").remaining()).isZero();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(limiter.peek("k").remaining()).isZero();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(limiter.peek("k").remaining()).isEqualTo(1);
    }

    @Test
    void blockingAcquireWaitsOnTheSchedulerForATokenWithinItsBudget() {
        RateLimiter limiter = RateLimiter.local(
                RateLimitPolicy.of("block", Limit.tokenBucket("b", 1, 1, Duration.ofMillis(20))),
                RateLimiterConfig.ofDefaults(),
                scheduler);
        assertThat(limiter.tryAcquire("k").isAllowed()).isTrue();

        Decision tooShort = limiter.acquire("k", 1, Duration.ofMillis(1));
        assertThat(tooShort.isAllowed())
                .as("a wait beyond the budget is refused at once")
                .isFalse();
        assertThat(ticker.nanoTime()).as("without waiting").isZero();
        Decision waited = limiter.acquire("k", 1, Duration.ofSeconds(5));
        assertThat(waited.isAllowed()).isTrue();
        assertThat(Duration.ofNanos(ticker.nanoTime()))
                .as("the one wait the denial asked for")
                .isEqualTo(Duration.ofMillis(20));
        assertThat(limiter.acquire("k", 2, Duration.ofSeconds(5)).retryAfterNanos())
                .as("more than the capacity never passes, so it does not wait")
                .isEqualTo(Decision.NEVER);
    }

    @Test
    void blockingAcquireOnAFrozenClockEndsWithinItsBudget() {
        ManualTicker frozen = new ManualTicker();
        Scheduler sleepsWithoutTime = new Scheduler() {
            @Override
            public Ticker ticker() {
                return frozen;
            }

            @Override
            public Cancellable schedule(Runnable task, long delayNanos) {
                throw new UnsupportedOperationException("limiters only sleep");
            }

            @Override
            public void sleep(long nanos) {}
        };
        RateLimiter limiter = RateLimiter.local(
                RateLimitPolicy.of("frozen", Limit.tokenBucket("b", 1, 1, Duration.ofMillis(5))),
                RateLimiterConfig.ofDefaults(),
                sleepsWithoutTime);
        limiter.tryAcquire("k");

        Decision decision = limiter.acquire("k", 1, Duration.ofMillis(30));

        assertThat(decision.isAllowed())
                .as("the time slept counts against the budget")
                .isFalse();
    }

    @Test
    void interruptedAcquireReturnsTheDenial() {
        LocalRateLimiter limiter = limiter(Limit.tokenBucket("b", 1, 1, Duration.ofSeconds(1)));
        limiter.tryAcquire("k");
        Thread.currentThread().interrupt();
        try {
            assertThat(limiter.acquire("k", 1, Duration.ofHours(1)).isAllowed()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
