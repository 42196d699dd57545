package dev.headroom.benchmarks;

import dev.headroom.jobs.CoalescingQueue;
import dev.headroom.jobs.ShutdownPolicy;
import dev.headroom.jobs.SubmitOutcome;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Submissions per second into the in-process coalescing queue over 10,000 keys, four threads:
 * {@code headroom} is {@link CoalescingQueue#submit} with the default 3 s debounce and a no-op
 * compute step (most submissions coalesce into a pending run; each key runs every few seconds);
 * {@code direct} is the floor, a {@link ConcurrentHashMap#put} of the latest payload per key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CoalescingBenchmark {

    static final int KEYS = 10_000;

    private final String[] keys = new String[KEYS];
    private CoalescingQueue<String, Long> queue;
    private ConcurrentHashMap<String, Long> latest;

    /** Creates the state; JMH calls this. */
    public CoalescingBenchmark() {}

    /** A thread's position in the key space. */
    @State(Scope.Thread)
    public static class Cursor {
        long next;

        /** Creates the cursor; JMH calls this. */
        public Cursor() {}
    }

    /** Builds the queue and the keys. */
    @Setup
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "client-" + i + ":2026-05-01";
        }
        queue = CoalescingQueue.<String, Long, Long>builder((key, payload) -> payload)
                .name("bench")
                .build();
        latest = new ConcurrentHashMap<>();
    }

    /** Drops what is pending. */
    @TearDown
    public void tearDown() {
        queue.shutdown(ShutdownPolicy.DROP_PENDING, Duration.ofSeconds(5));
    }

    /**
     * One submission.
     *
     * @param cursor the thread's position
     * @return what the queue did
     */
    @Benchmark
    public SubmitOutcome headroom(Cursor cursor) {
        long n = cursor.next++;
        return queue.submit(keys[(int) (n % KEYS)], n);
    }

    /**
     * The floor: remember the latest payload per key.
     *
     * @param cursor the thread's position
     * @return the previous payload, if any
     */
    @Benchmark
    public Long direct(Cursor cursor) {
        long n = cursor.next++;
        return latest.put(keys[(int) (n % KEYS)], n);
    }
}
