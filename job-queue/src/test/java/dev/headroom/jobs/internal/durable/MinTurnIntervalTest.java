package dev.headroom.jobs.internal.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobRequest;
import dev.headroom.jobs.WorkerOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker on a remote store starts its turns at least {@link JobQueueConfig#minTurnInterval()}
 * apart, and a turn that waited carries every job that arrived meanwhile. The store is the
 * in-memory one seen through a wrapper that says it is remote, on a manual clock.
 */
class MinTurnIntervalTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final RecordingBackend backend = new RecordingBackend(inMemory());
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final DefaultJobQueue<String, String> jobs = queue(backend, INTERVAL, Runnable::run);

    /** A queue on {@code store} whose worker turns start {@code interval} apart, running jobs on {@code executor}. */
    private DefaultJobQueue<String, String> queue(RecordingBackend store, Duration interval, Executor executor) {
        return TestQueues.over(
                store, JobQueueConfig.builder().minTurnInterval(interval).build(), scheduler, executor);
    }

    private InMemoryBackend inMemory() {
        return new InMemoryBackend(JobQueueConfig.ofDefaults(), scheduler.ticker());
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void aTurnAskedForTooSoonWaitsAndCarriesEverythingThatArrivedMeanwhile() {
        jobs.worker(WorkerOptions.ofConcurrency(8), job -> {
            handled.add(job.payload());
            return null;
        });
        assertThat(backend.turns).as("the worker's first turn, at once").hasSize(1);

        scheduler.advance(INTERVAL);
        jobs.add("a");
        assertThat(handled).as("a job after a quiet spell is leased at once").containsExactly("a");
        assertThat(backend.turns).hasSize(2);

        jobs.add("b");
        jobs.add("c");
        jobs.add("d");
        assertThat(handled).as("the wake-ups came within the interval").containsExactly("a");
        assertThat(backend.turns).hasSize(2);

        scheduler.advance(INTERVAL.minusMillis(1));
        assertThat(backend.turns).hasSize(2);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(handled).containsExactly("a", "b", "c", "d");
        assertThat(backend.turns).as("one turn leased all three").hasSize(3);
        assertThat(backend.turns.get(2).leased()).isEqualTo(3);
        assertThat(backend.turns.get(2).finished())
                .as("and recorded the completion of a")
                .isEqualTo(1);
        assertThat(backend.turns.get(2).atNanos() - backend.turns.get(1).atNanos())
                .isGreaterThanOrEqualTo(INTERVAL.toNanos());
    }

    @Test
    void aWaitingTurnStartsEarlyOnceHalfTheSlotsAreFreeAndJobsWait() {
        Queue<Runnable> started = new ArrayDeque<>();
        RecordingBackend store = new RecordingBackend(inMemory());
        DefaultJobQueue<String, String> backlogged = queue(store, INTERVAL, started::add);
        try {
            backlogged.worker(WorkerOptions.ofConcurrency(4), job -> {
                handled.add(job.payload());
                return null;
            });
            scheduler.advance(INTERVAL);
            backlogged.addBulk(List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
                    .map(JobRequest::of)
                    .toList());
            assertThat(store.turns).hasSize(2);
            assertThat(store.turns.get(1).leased())
                    .as("every slot filled, four jobs left waiting")
                    .isEqualTo(4);

            started.remove().run();
            assertThat(store.turns)
                    .as("one free slot: the turn waits out the interval")
                    .hasSize(2);
            started.remove().run();
            assertThat(store.turns)
                    .as("two free slots of four: the turn starts at once")
                    .hasSize(3);
            assertThat(store.turns.get(2).atNanos())
                    .isEqualTo(store.turns.get(1).atNanos());
            assertThat(store.turns.get(2).finished()).isEqualTo(2);
            assertThat(store.turns.get(2).leased()).isEqualTo(2);

            started.remove().run();
            started.remove().run();
            assertThat(store.turns)
                    .as("the last two jobs were leased early, once two slots freed")
                    .hasSize(4);
            assertThat(store.turns.get(3).leased()).isEqualTo(2);
            while (!started.isEmpty()) {
                started.remove().run();
            }
            assertThat(handled).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g", "h");

            scheduler.advance(INTERVAL);
            assertThat(backlogged.counts().completed())
                    .as("with no jobs waiting, the last completions were recorded after the interval")
                    .isEqualTo(8);
        } finally {
            backlogged.close();
        }
    }

    @Test
    void zeroStartsEveryTurnAtOnce() {
        RecordingBackend store = new RecordingBackend(inMemory());
        DefaultJobQueue<String, String> eager = queue(store, Duration.ZERO, Runnable::run);
        try {
            eager.worker(WorkerOptions.ofConcurrency(8), job -> {
                handled.add(job.payload());
                return null;
            });
            eager.add("a");
            eager.add("b");
            assertThat(handled).containsExactly("a", "b");
            assertThat(store.turns).as("the start, then one turn per job").hasSize(3);
        } finally {
            eager.close();
        }
    }

    /** One call to {@link Backend#complete}: when it started, what it recorded and leased. */
    record Turn(long atNanos, int finished, int leased) {}

    /** The in-memory store, recording each turn, and saying it is remote. */
    private final class RecordingBackend extends ForwardingBackend {
        final List<Turn> turns = new CopyOnWriteArrayList<>();

        RecordingBackend(Backend store) {
            super(store);
        }

        @Override
        public boolean remote() {
            return true;
        }

        @Override
        public CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
            long at = scheduler.ticker().nanoTime();
            return super.complete(finished, token, leaseMax).thenApply(completion -> {
                turns.add(new Turn(at, finished.size(), completion.next().jobs().size()));
                return completion;
            });
        }
    }
}
