package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the count window with the simplest possible model, a list of the last {@code n}
 * outcomes, after every call of a long random sequence. Thresholds of 100 % keep the breaker
 * closed so that the whole sequence is judged; the sequence is seeded, so a failure replays.
 */
class CountWindowModelTest {

    private static final long SLOW = Duration.ofSeconds(1).toNanos();

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 7, 40, 500})
    void theWindowHoldsExactlyTheLastNCalls(int size) {
        CircuitBreaker breaker = CircuitBreaker.of(
                "model",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(size))
                        .minimumCalls(size)
                        .failureRateThreshold(100)
                        .slowCallRateThreshold(100)
                        .slowCallDuration(Duration.ofSeconds(1))
                        .build(),
                new ManualTicker());
        Random random = new Random(size);
        Deque<int[]> model = new ArrayDeque<>(); // {failed, slow}

        for (int call = 0; call < 20_000; call++) {
            boolean failed = size > 1 && random.nextInt(100) < 30;
            boolean slow = size > 1 && random.nextInt(100) < 20;
            // bursts make the event log wrap and grow
            if (size > 1 && call % 997 < 3 * size / 4) {
                failed = random.nextBoolean();
            }
            if (call % 5 == 0) { // so no window of 5 or more calls is all failures or all slow
                failed = false;
                slow = false;
            }
            BreakerPermit permit = breaker.tryAcquirePermit();
            long duration = slow ? SLOW : 1;
            if (failed) {
                permit.onError(new IllegalStateException(), duration);
            } else {
                permit.onSuccess(duration);
            }
            model.addLast(new int[] {failed ? 1 : 0, slow ? 1 : 0});
            if (model.size() > size) {
                model.removeFirst();
            }

            assertThat(breaker.state()).as("call %d", call).isEqualTo(State.CLOSED);
            assertThat(breaker.stats().judgedCalls()).as("call %d", call).isEqualTo(model.size());
            if (model.size() == size) {
                long failures =
                        model.stream().filter(outcome -> outcome[0] == 1).count();
                long slowCalls =
                        model.stream().filter(outcome -> outcome[1] == 1).count();
                assertThat(breaker.stats().failureRate())
                        .as("failure rate after call %d", call)
                        .isEqualTo(failures * 100.0 / size);
                assertThat(breaker.stats().slowCallRate())
                        .as("slow-call rate after call %d", call)
                        .isEqualTo(slowCalls * 100.0 / size);
            }
        }
    }
}
