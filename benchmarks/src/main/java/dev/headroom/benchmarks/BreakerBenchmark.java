package dev.headroom.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A successful call through a closed circuit breaker, two threads sharing one breaker as request
 * threads of a service would: {@code direct} is the call alone, the floor; {@code headroom},
 * {@code resilience4j} and {@code failsafe} wrap it in each library's breaker with its default
 * configuration, through the same kind of wrapper (a {@link Supplier}). {@code directTimed} adds
 * to the bare call the two clock reads that all three wrappers make, so that what each breaker
 * itself costs can be read off. {@code headroomRejected}
 * is Headroom's non-throwing permission request on an OPEN breaker, the cost of turning a call
 * away.
 *
 * <p>The call returns a cached {@link Integer}, so it allocates nothing itself: bytes per
 * operation measured with {@code -prof gc} are the breaker's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class BreakerBenchmark {

    private final Call call = new Call();

    private CircuitBreaker headroom;
    private CircuitBreaker headroomOpen;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
    private FailsafeExecutor<Integer> failsafe;

    /** Creates the state; JMH calls this. */
    public BreakerBenchmark() {}

    /** Builds each library's breaker with its defaults, and one Headroom breaker held open. */
    @Setup
    public void setUp() {
        headroom = CircuitBreaker.of("headroom", CircuitBreakerConfig.ofDefaults());
        headroomOpen = CircuitBreaker.of(
                "headroom-open",
                CircuitBreakerConfig.builder().openDuration(Duration.ofDays(1)).build());
        headroomOpen.transitionTo(CircuitBreaker.State.OPEN);
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("resilience4j");
        failsafe = Failsafe.with(dev.failsafe.CircuitBreaker.<Integer>ofDefaults());
    }

    /**
     * The call with no protection: the floor.
     *
     * @return the call's result
     */
    @Benchmark
    public Integer direct() {
        return call.get();
    }

    /**
     * The call plus the two clock reads that every breaker measuring call durations makes
     * (Headroom's, Resilience4j's and Failsafe's wrappers all read {@link System#nanoTime()} before
     * and after the call): the floor for a breaker that judges slow calls. Not a peer; a reference.
     *
     * @param blackhole takes the duration, so the clock reads cannot be eliminated
     * @return the call's result
     */
    @Benchmark
    public Integer directTimed(Blackhole blackhole) {
        long start = System.nanoTime();
        Integer result = call.get();
        blackhole.consume(System.nanoTime() - start);
        return result;
    }

    /**
     * The call through a Headroom breaker.
     *
     * @return the call's result
     */
    @Benchmark
    public Integer headroom() {
        return headroom.supply(call);
    }

    /**
     * The call through a Resilience4j breaker.
     *
     * @return the call's result
     */
    @Benchmark
    public Integer resilience4j() {
        return resilience4j.executeSupplier(call);
    }

    /**
     * The call through a Failsafe breaker.
     *
     * @return the call's result
     */
    @Benchmark
    public Integer failsafe() {
        return failsafe.get(call);
    }

    /**
     * Headroom's permission request on an OPEN breaker: no exception, nothing allocated.
     *
     * @return false: the call is refused
     */
    @Benchmark
    public boolean headroomRejected() {
        return headroomOpen.tryAcquirePermit().isPermitted();
    }

    /** The protected call: reads a field and returns a cached {@link Integer}. */
    private static final class Call implements Supplier<Integer>, CheckedSupplier<Integer> {
        private int answer = 42;

        @Override
        public Integer get() {
            return answer;
        }
    }
}
