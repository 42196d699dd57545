package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.Backoff;
import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingRetryTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    private CoalescingQueue<String, String> failingFirst(int failures, CoalescingConfig config) {
        AtomicInteger remaining = new AtomicInteger(failures);
        return CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    attempts.add(key + "=" + payload + "@" + scheduler.ticker().nanoTime() / 1_000_000);
                    if (remaining.getAndDecrement() > 0) {
                        throw new IllegalStateException("downstream is down");
                    }
                    return payload;
                })
                .config(config)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
    }

    private static CoalescingConfig retries() {
        return CoalescingConfig.builder()
                .debounce(Duration.ofSeconds(1))
                .maxAttempts(4)
                .retryBackoff(Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void aFailedRunRetriesWithExponentialBackoff() {
        CoalescingQueue<String, String> queue = failingFirst(3, retries());

        queue.submit("k", "v");
        scheduler.advance(Duration.ofMinutes(1));

        // Runs at 1 s, then retries after 2 s, 4 s and 5 s (capped).
        assertThat(attempts).containsExactly("k=v@1000", "k=v@3000", "k=v@7000", "k=v@12000");
        assertThat(queue.stats())
                .extracting(
                        CoalescingStats::started,
                        CoalescingStats::failed,
                        CoalescingStats::retried,
                        CoalescingStats::completed,
                        CoalescingStats::abandoned)
                .containsExactly(4L, 3L, 3L, 1L, 0L);
    }

    @Test
    void aPayloadIsGivenUpAfterItsLastAttemptAndTheKeyStaysUsable() {
        CoalescingQueue<String, String> queue = failingFirst(4, retries());

        queue.submit("k", "doomed");
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(queue.stats().abandoned()).isEqualTo(1);
        assertThat(queue.stats().pending()).isZero();

        assertThat(queue.submit("k", "fresh")).isEqualTo(SubmitOutcome.SCHEDULED);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(attempts).last().isEqualTo("k=fresh@61000");
        assertThat(queue.stats().completed()).isEqualTo(1);
    }

    @Test
    void aNewerPayloadReplacesAPendingRetryAndGetsFreshAttempts() {
        CoalescingQueue<String, String> queue = failingFirst(1, retries());

        queue.submit("k", "old");
        scheduler.advance(Duration.ofSeconds(1)); // fails at 1 s; retry due at 3 s
        assertThat(queue.submit("k", "new")).isEqualTo(SubmitOutcome.COALESCED);
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(attempts).containsExactly("k=old@1000", "k=new@2000");
    }

    @Test
    void aFailingKeyDoesNotHoldUpOtherKeys() {
        List<String> done = new CopyOnWriteArrayList<>();
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    if (key.equals("bad")) {
                        throw new IllegalStateException("always");
                    }
                    done.add(key);
                    return payload;
                })
                .config(retries())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();

        queue.submit("bad", "x");
        queue.submit("good", "y");
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(done).containsExactly("good");
    }

    @Test
    void aFailingAfterStepCountsAsAFailedRun() {
        AtomicInteger afterCalls = new AtomicInteger();
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder(
                        (key, payload) -> payload)
                .after((key, payload, result) -> {
                    if (afterCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("notification service down");
                    }
                })
                .config(retries())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();

        queue.submit("k", "v");
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(afterCalls.get()).isEqualTo(2);
        assertThat(queue.stats().failed()).isEqualTo(1);
        assertThat(queue.stats().completed()).isEqualTo(1);
    }

    @Test
    void anExecutorThatRefusesWorkIsRetriedLikeAFailure() {
        AtomicInteger refusals = new AtomicInteger(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CoalescingQueue<String, String> queue = CoalescingQueue.<String, String, String>builder((key, payload) -> {
                    ran.add(payload);
                    return payload;
                })
                .config(retries())
                .scheduler(scheduler)
                .executor(task -> {
                    if (refusals.getAndDecrement() > 0) {
                        throw new java.util.concurrent.RejectedExecutionException("saturated");
                    }
                    task.run();
                })
                .build();

        queue.submit("k", "v");
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("v");
        assertThat(queue.stats().failed()).isEqualTo(1);
        assertThat(queue.stats().retried()).isEqualTo(1);
    }
}
