package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.headroom.breaker.CircuitBreaker.State;
import dev.headroom.core.ManualTicker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The hot path's allocation promise, checked with the JVM's per-thread allocation counter: acquiring
 * and reporting a success while CLOSED, and being refused while OPEN, allocate nothing. Exact, not
 * timed: of several runs of 100,000 calls, at least one must allocate zero bytes, and none may
 * come near one allocation per call (1.6 MB). The tolerance is for one-off allocations the JVM
 * itself may make on the thread (a deoptimization, a lazily resolved constant), never per call.
 */
class CircuitBreakerAllocationTest {

    private static final int CALLS = 100_000;
    private static final int RUNS = 5;
    private static final long ONE_MILLI = Duration.ofMillis(1).toNanos();

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final ManualTicker ticker = new ManualTicker();
    private final CircuitBreaker breaker = CircuitBreaker.of("alloc", CircuitBreakerConfig.ofDefaults(), ticker);

    @Test
    void acquiringAndReportingSuccessWhileClosedAllocatesNothing() {
        succeed(CALLS); // warm up: first use of each class, counters' cells

        long[] allocated = allocatedByEachRun(() -> succeed(CALLS));

        assertThat(allocated).contains(0L);
        assertThat(LongStream.of(allocated).max().orElseThrow()).isLessThan(CALLS);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void theSupplyAndRunWrappersAllocateNothingOnSuccess() {
        Supplier<Integer> work = () -> 42; // a cached Integer: the work itself allocates nothing
        Runnable noop = () -> {};
        Runnable wrapped = () -> {
            for (int i = 0; i < CALLS; i++) {
                breaker.supply(work);
                breaker.run(noop);
            }
        };
        wrapped.run();

        long[] allocated = allocatedByEachRun(wrapped);

        assertThat(allocated).contains(0L);
        assertThat(LongStream.of(allocated).max().orElseThrow()).isLessThan(CALLS);
    }

    @Test
    void beingRefusedWhileOpenAllocatesNothing() {
        breaker.transitionTo(State.OPEN);
        refuse(CALLS);

        long[] allocated = allocatedByEachRun(() -> refuse(CALLS));

        assertThat(allocated).contains(0L);
        assertThat(LongStream.of(allocated).max().orElseThrow()).isLessThan(CALLS);
    }

    private long[] allocatedByEachRun(Runnable work) {
        long baseline = measure(() -> {});
        long[] allocated = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            allocated[run] = measure(work) - baseline;
        }
        return allocated;
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
