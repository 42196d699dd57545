package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The contract of every {@link ConcurrencyLimiter}, run in memory, on Redis and on Redis Cluster. */
abstract class ConcurrencyLimiterContract {

    /** A limiter with a name unique to this test run. */
    protected abstract ConcurrencyLimiter create(String name, int limit);

    /** How many racing threads the contention test uses. */
    protected int threads() {
        return 64;
    }

    @Test
    void leasesUpToTheLimitThenRefusalsUntilOneCloses() {
        ConcurrencyLimiter limiter = create("cap", 2);
        Lease first = limiter.tryAcquire("k");
        Lease second = limiter.tryAcquire("k");
        Lease third = limiter.tryAcquire("k");

        assertThat(first.isAcquired()).isTrue();
        assertThat(second.isAcquired()).isTrue();
        assertThat(third.isAcquired()).isFalse();
        assertThat(limiter.inFlight("k")).isEqualTo(2);
        assertThat(limiter.tryAcquire("other").isAcquired())
                .as("keys are independent")
                .isTrue();
        third.close();
        first.close();
        first.close();
        assertThat(limiter.inFlight("k")).as("a second close releases nothing").isEqualTo(1);
        Lease again = limiter.tryAcquire("k");
        assertThat(again.isAcquired()).isTrue();
        again.close();
        second.close();
        assertThat(limiter.inFlight("k")).isZero();
        assertThat(limiter.stats().granted()).isEqualTo(4);
        assertThat(limiter.stats().refused()).isEqualTo(1);
        assertThat(limiter.stats().redisFailures()).isZero();
    }

    @Test
    void aTwoThousandByteKeyHoldsLeasesLikeAnyOther() {
        ConcurrencyLimiter limiter = create("long", 1);
        String longKey = RateLimiterContract.LONG_KEY;

        Lease held = limiter.tryAcquire(longKey);
        assertThat(held.isAcquired()).isTrue();
        assertThat(limiter.tryAcquire(longKey).isAcquired()).isFalse();
        assertThat(limiter.inFlight(longKey)).isEqualTo(1);
        Lease forwarded = limiter.tryAcquire(RateLimiterContract.LONG_FORWARDED_FOR);
        assertThat(forwarded.isAcquired()).as("another long key").isTrue();
        held.close();
        forwarded.close();
        assertThat(limiter.inFlight(longKey)).isZero();
        Lease again = limiter.tryAcquire(longKey);
        assertThat(again.isAcquired()).isTrue();
        again.close();
        assertThat(limiter.stats().redisFailures()).isZero();
    }

    @Test
    void keysThatLookAlikeWhenEncodedAreKeptApart() {
        ConcurrencyLimiter limiter = create("alike", 1);
        List<Lease> leases = new ArrayList<>();
        for (String key : List.of("{a}", "%7Ba%7D", "#a", "%23a", "a\uD800", "a?", " ")) {
            Lease lease = limiter.tryAcquire(key);
            assertThat(lease.isAcquired()).as("'%s'", key).isTrue();
            leases.add(lease);
        }
        leases.forEach(Lease::close);
    }

    @Test
    void nullAndEmptyKeysFailAlikeEverywhere() {
        ConcurrencyLimiter limiter = create("empty", 1);

        assertThatThrownBy(() -> limiter.tryAcquire(RateLimiterContract.nullKey()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> limiter.tryAcquire(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> limiter.acquire("", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThatThrownBy(() -> limiter.inFlight(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty: ''");
        assertThat(limiter.stats().granted() + limiter.stats().refused()).isZero();
    }

    @Test
    void neverMoreThanTheLimitInFlightUnderContention() throws Exception {
        ConcurrencyLimiter limiter = create("race", 5);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads(); t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) {
                    try (Lease lease = limiter.tryAcquire("org-1")) {
                        if (lease.isAcquired()) {
                            granted.incrementAndGet();
                            highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inFlight.decrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(highest.get()).isBetween(1, 5);
        assertThat(granted.get()).isPositive();
        assertThat(limiter.inFlight("org-1")).isZero();
    }

    @Test
    void acquireWaitsForARelease() throws Exception {
        ConcurrencyLimiter limiter = create("wait", 1);
        Lease held = limiter.tryAcquire("k");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter = pool.submit(() -> {
                try (Lease lease = limiter.acquire("k", Duration.ofSeconds(10))) {
                    return lease.isAcquired();
                }
            });
            held.close();
            assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(limiter.inFlight("k")).isZero();
    }
}
