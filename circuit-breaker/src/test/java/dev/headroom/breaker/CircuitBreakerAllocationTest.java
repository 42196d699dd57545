package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hot path's allocation promise, checked with the JVM's per-thread allocation counter: acquiring
 * and reporting a success while CLOSED, and being refused while OPEN, allocate nothing. This is
 * exact, not timed: a single allocated byte fails it.
 */
class CircuitBreakerAllocationTest {

    private static final int CALLS = 100_000;
    private static final long ONE_MILLI = Duration.ofMillis(1).toNanos();

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of("alloc", CircuitBreakerConfig.ofDefaults(), ticker);

    @Test
    void acquiringAndReportingSuccessWhileClosedAllocatesNothing() {
        succeed(CALLS); // warm up: first use of each class, counters' cells

        long allocated = allocatedBy(() -> succeed(CALLS));

        assertThat(allocated).isZero();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void beingRefusedWhileOpenAllocatesNothing() {
        breaker.transitionTo(State.OPEN);
        refuse(CALLS);

        long allocated = allocatedBy(() -> refuse(CALLS));

        assertThat(allocated).isZero();
    }

    private long allocatedBy(Runnable work) {
        long baseline = measure(() -> {});
        return measure(work) - baseline;
    }

    private long measure(Runnable work) {
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private void succeed(int calls) {
        for (int i = 0; i < calls; i++) {
            BreakerPermit permit = breaker.tryAcquirePermit();
            permit.onSuccess(ONE_MILLI);
        }
    }

    private void refuse(int calls) {
        for (int i = 0; i < calls; i++) {
            if (breaker.tryAcquirePermit().isPermitted()) {
                throw new AssertionError("permitted while OPEN");
            }
        }
    }
}
