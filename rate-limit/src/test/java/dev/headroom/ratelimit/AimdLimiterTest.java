package dev.headroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.headroom.core.ManualScheduler;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AimdLimiterTest {

    private final ManualTicker ticker = new ManualTicker();
    private final AtomicBoolean overloaded = new AtomicBoolean();

    private AimdLimiter limiter() {
        RateLimiter delegate = RateLimiter.local(
                RateLimitPolicy.of(
                        "db",
                        Limit.fixedWindow("second", 100, Duration.ofSeconds(1)),
                        Limit.fixedWindow("minute", 1000, Duration.ofMinutes(1))),
                RateLimiterConfig.ofDefaults(),
                new ManualScheduler(ticker));
        AimdConfig config = AimdConfig.builder()
                .min(10)
                .max(100)
                .initial(50)
                .increase(5)
                .decreaseFactor(0.5)
                .interval(Duration.ofSeconds(1))
                .build();
        return AimdLimiter.of(delegate, overloaded::get, config, ticker);
    }

    @Test
    void shrinksMultiplicativelyAndGrowsAdditivelyWithinBounds() {
        AimdLimiter limiter = limiter();
        assertThat(limiter.currentLimit()).isEqualTo(50);
        assertThat(limiter.tryAcquire("k").quota()).isEqualTo(50);
        assertThat(limiter.maybeAdjust()).as("not before the interval").isFalse();

        overloaded.set(true);
        long[] expected = {25, 12, 10, 10};
        for (long value : expected) {
            ticker.advance(Duration.ofSeconds(1));
            limiter.tryAcquire("k");
            assertThat(limiter.currentLimit()).isEqualTo(value);
        }
        overloaded.set(false);
        for (int i = 0; i < 30; i++) {
            ticker.advance(Duration.ofSeconds(1));
            limiter.tryAcquire("k");
        }
        assertThat(limiter.currentLimit()).isEqualTo(100);
        // The other limit keeps its ratio to the first: 1000 / 100.
        assertThat(limiter.policy().scopes().get(0).limits().get(1).quota()).isEqualTo(1000);
    }

    @Test
    void adjustingKeepsKeysState() {
        AimdLimiter limiter = limiter();
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire("k");
        }
        overloaded.set(true);
        ticker.advance(Duration.ofSeconds(1));
        // New second window, so the per-second count restarts; the minute keeps its 20.
        Decision decision = limiter.tryAcquire("k");
        assertThat(limiter.currentLimit()).isEqualTo(25);
        assertThat(decision.limit().name()).isEqualTo("second");
        assertThat(decision.remaining()).isEqualTo(24);
        assertThat(limiter.stats().allowed()).isEqualTo(21);
    }

    @Test
    void errorRateAndLatencySignalsJudgeEachInterval() {
        ErrorRateSignal errors = ErrorRateSignal.of(0.5, 4);
        errors.recordFailure();
        errors.recordFailure();
        errors.recordFailure();
        assertThat(errors.isOverloaded()).as("too few calls to judge").isFalse();
        errors.recordFailure();
        errors.recordFailure();
        errors.recordSuccess();
        errors.recordSuccess();
        assertThat(errors.isOverloaded()).isTrue();
        assertThat(errors.isOverloaded()).as("each reading starts afresh").isFalse();

        LatencySignal latency = LatencySignal.of(Duration.ofMillis(100));
        assertThat(latency.isOverloaded()).isFalse();
        latency.record(Duration.ofMillis(50).toNanos());
        latency.record(Duration.ofMillis(250).toNanos());
        assertThat(latency.isOverloaded()).isTrue();
        latency.record(Duration.ofMillis(20).toNanos());
        assertThat(latency.isOverloaded()).isFalse();
        assertThatThrownBy(() -> ErrorRateSignal.of(0, 1)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> LatencySignal.of(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void aHikariPoolWithWaitingThreadsIsOverloaded() {
        AtomicInteger waiting = new AtomicInteger();
        HikariPoolSignal signal = HikariPoolSignal.of(new FakePool(waiting), 2);

        assertThat(signal.isOverloaded()).isFalse();
        waiting.set(3);
        assertThat(signal.isOverloaded()).isTrue();
        waiting.set(-1); // the fake throws
        assertThat(signal.isOverloaded())
                .as("an unreadable pool never shrinks the limit")
                .isFalse();
    }

    @Test
    void configsValidate() {
        assertThatThrownBy(() -> AimdConfig.builder().min(0)).hasMessage("min must be from 1 to 2147483647: 0");
        assertThatThrownBy(() -> AimdConfig.builder().min(5).max(4).build())
                .hasMessage("max must be at least min 5: 4");
        assertThatThrownBy(() -> AimdConfig.builder().min(5).max(10).initial(11).build())
                .hasMessage("initial must be between min 5 and max 10: 11");
        assertThatThrownBy(() -> AimdConfig.builder().decreaseFactor(1)).hasMessageContaining("decreaseFactor");
        assertThatThrownBy(() -> AimdConfig.builder().increase(0)).hasMessage("increase must be at least 1: 0");
        AimdConfig bounded = AimdConfig.builder().min(5).max(10).build();
        assertThat(bounded.initial()).isEmpty();
        assertThat(bounded.toBuilder().build()).isEqualTo(bounded);
        assertThat(AimdConfig.ofDefaults().max()).isEmpty();
    }

    @Test
    void byDefaultTheLimitStartsAtThePolicysQuotaAndNeverPassesIt() {
        RateLimiter delegate = RateLimiter.local(
                RateLimitPolicy.of("quota", Limit.fixedWindow("second", 40, Duration.ofSeconds(1))),
                RateLimiterConfig.ofDefaults(),
                new ManualScheduler(ticker));
        AimdLimiter limiter = AimdLimiter.of(delegate, overloaded::get, AimdConfig.ofDefaults(), ticker);

        assertThat(limiter.currentLimit()).isEqualTo(40);
        overloaded.set(true);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(limiter.maybeAdjust()).isTrue();
        assertThat(limiter.currentLimit()).isEqualTo(36);
        overloaded.set(false);
        for (int i = 0; i < 10; i++) {
            ticker.advance(Duration.ofSeconds(1));
            limiter.maybeAdjust();
        }
        assertThat(limiter.currentLimit()).isEqualTo(40);
        assertThat(limiter.policy().scopes().get(0).limits().get(0).quota()).isEqualTo(40);
        assertThatThrownBy(() -> AimdLimiter.of(
                        delegate, overloaded::get, AimdConfig.builder().min(50).build(), ticker))
                .hasMessageContaining("must be at least min 50: 40");
    }

    /** A pool whose waiting-thread count the test sets; -1 makes it throw. */
    private static final class FakePool implements HikariPoolMXBean {
        private final AtomicInteger waiting;

        FakePool(AtomicInteger waiting) {
            this.waiting = waiting;
        }

        @Override
        public int getIdleConnections() {
            return 0;
        }

        @Override
        public int getActiveConnections() {
            return 0;
        }

        @Override
        public int getTotalConnections() {
            return 0;
        }

        @Override
        public int getThreadsAwaitingConnection() {
            if (waiting.get() < 0) {
                throw new IllegalStateException("pool closed");
            }
            return waiting.get();
        }

        @Override
        public void softEvictConnections() {}

        @Override
        public void suspendPool() {}

        @Override
        public void resumePool() {}
    }
}
