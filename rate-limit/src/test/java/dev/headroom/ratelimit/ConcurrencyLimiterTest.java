package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualTicker;
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

class ConcurrencyLimiterTest {

    @Test
    void neverMoreThanTheLimitInFlightUnderContention() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local("exports", 5);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                    try (Lease lease = limiter.tryAcquire("org-1")) {
                        if (lease.isAcquired()) {
                            granted.incrementAndGet();
                            int now = inFlight.incrementAndGet();
                            highest.accumulateAndGet(now, Math::max);
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
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(highest.get()).isBetween(1, 5);
        assertThat(granted.get()).isPositive();
        assertThat(limiter.inFlight("org-1")).isZero();
    }

    @Test
    void closingReleasesOnceAndIdleKeysHoldNothing() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local("c", 2);
        Lease first = limiter.tryAcquire("k");
        Lease second = limiter.tryAcquire("k");
        Lease third = limiter.tryAcquire("k");

        assertThat(first.isAcquired()).isTrue();
        assertThat(second.isAcquired()).isTrue();
        assertThat(third.isAcquired()).isFalse();
        third.close();
        first.close();
        first.close();
        assertThat(limiter.inFlight("k")).isEqualTo(1);
        second.close();
        assertThat(limiter.inFlight("k")).isZero();
        assertThat(limiter.tryAcquire("k").isAcquired()).isTrue();
        assertThat(limiter.toString()).contains("keys=1");
    }

    @Test
    void acquireWaitsForARelease() throws Exception {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local("w", 1);
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
        ConcurrencyLimiter frozen = ConcurrencyLimiter.local("f", 1, new ManualTicker(), 10);
        Lease taken = frozen.tryAcquire("k");
        assertThat(frozen.acquire("k", Duration.ofMillis(5)).isAcquired())
                .as("a frozen clock cannot make the wait endless")
                .isFalse();
        taken.close();
    }

    @Test
    void theKeyCapRefusesNewKeys() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.local("cap", 1, new ManualTicker(), 2);
        Lease a = limiter.tryAcquire("a");
        Lease b = limiter.tryAcquire("b");

        assertThat(limiter.tryAcquire("c").isAcquired()).isFalse();
        a.close();
        assertThat(limiter.tryAcquire("c").isAcquired()).isTrue();
        b.close();
        assertThatThrownBy(() -> ConcurrencyLimiter.local("bad", 0)).hasMessageContaining("limit must be at least 1");
        assertThatThrownBy(() -> limiter.tryAcquire(" ")).hasMessageContaining("blank");
    }
}
