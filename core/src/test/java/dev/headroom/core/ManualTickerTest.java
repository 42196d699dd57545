package dev.headroom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

    @Test
    void startsAtZeroNanosAndTheDefaultWallTime() {
        ManualTicker ticker = new ManualTicker();

        assertThat(ticker.nanoTime()).isZero();
        assertThat(ticker.wallTime()).isEqualTo(ManualTicker.DEFAULT_START);
    }

    @Test
    void advanceMovesBothClocks() {
        ManualTicker ticker = new ManualTicker(Instant.parse("2030-05-01T10:00:00Z"));

        ticker.advance(Duration.ofSeconds(3)).advanceMillis(250);

        assertThat(ticker.nanoTime()).isEqualTo(3_250_000_000L);
        assertThat(ticker.wallTime()).isEqualTo(Instant.parse("2030-05-01T10:00:03.250Z"));
    }

    @Test
    void subMillisecondStepsAddUpOnTheWallClock() {
        ManualTicker ticker = new ManualTicker();

        for (int i = 0; i < 1000; i++) {
            ticker.advance(Duration.ofNanos(1_000));
        }

        assertThat(ticker.nanoTime()).isEqualTo(1_000_000L);
        assertThat(ticker.wallMillis()).isEqualTo(ManualTicker.DEFAULT_START.toEpochMilli() + 1);
    }

    @Test
    void settingTheWallClockBackLeavesTheMonotonicClockAlone() {
        ManualTicker ticker = new ManualTicker();
        ticker.advanceMillis(5_000);

        ticker.setWallTime(Instant.parse("2020-01-01T00:00:00Z"));
        ticker.advanceMillis(1);

        assertThat(ticker.nanoTime()).isEqualTo(5_001_000_000L);
        assertThat(ticker.wallTime()).isEqualTo(Instant.parse("2020-01-01T00:00:00.001Z"));
    }

    @Test
    void refusesToGoBackwards() {
        ManualTicker ticker = new ManualTicker();

        assertThatThrownBy(() -> ticker.advance(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative: PT-0.001S");
        assertThat(ticker.nanoTime()).isZero();
    }

    @Test
    void systemTickerIsMonotonicAndNearTheWallClock() {
        Ticker ticker = Ticker.system();

        long first = ticker.nanoTime();
        long second = ticker.nanoTime();

        assertThat(second).isGreaterThanOrEqualTo(first);
        assertThat(ticker.wallMillis())
                .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }
}
