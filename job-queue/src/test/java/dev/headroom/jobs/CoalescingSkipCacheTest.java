package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CoalescingSkipCacheTest {

    record Order(String id, long version, String note) {}

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> computed = new CopyOnWriteArrayList<>();
    private final List<String> notified = new CopyOnWriteArrayList<>();

    private CoalescingQueue<String, Order> queue(Duration skipTtl) {
        return CoalescingQueue.<String, Order, String>builder((key, order) -> {
                    computed.add(order.id() + "v" + order.version());
                    return "summary of v" + order.version();
                })
                .after((key, order, summary) -> notified.add(order.note() + ": " + summary))
                .signature(Order::version)
                .config(CoalescingConfig.builder()
                        .debounce(Duration.ofSeconds(1))
                        .skipTtl(skipTtl)
                        .build())
                .scheduler(scheduler)
                .executor(Runnable::run)
                .build();
    }

    @Test
    void anUnchangedPayloadSkipsComputeButTheAfterStepRunsWithTheKeptResult() {
        CoalescingQueue<String, Order> queue = queue(Duration.ofMinutes(5));

        queue.submit("o-1", new Order("o-1", 7, "first"));
        scheduler.advance(Duration.ofSeconds(1));
        queue.submit("o-1", new Order("o-1", 7, "second"));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(computed).containsExactly("o-1v7");
        assertThat(notified).containsExactly("first: summary of v7", "second: summary of v7");
        assertThat(queue.stats().skipped()).isEqualTo(1);
        assertThat(queue.stats().completed()).isEqualTo(2);
    }

    @Test
    void aChangedSignatureComputesAgain() {
        CoalescingQueue<String, Order> queue = queue(Duration.ofMinutes(5));

        queue.submit("o-1", new Order("o-1", 7, "a"));
        scheduler.advance(Duration.ofSeconds(1));
        queue.submit("o-1", new Order("o-1", 8, "b"));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(computed).containsExactly("o-1v7", "o-1v8");
        assertThat(queue.stats().skipped()).isZero();
    }

    @Test
    void theSameSignatureUnderAnotherKeyIsNotSkipped() {
        CoalescingQueue<String, Order> queue = queue(Duration.ofMinutes(5));

        queue.submit("o-1", new Order("o-1", 7, "a"));
        queue.submit("o-2", new Order("o-2", 7, "b"));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(computed).containsExactlyInAnyOrder("o-1v7", "o-2v7");
    }

    @Test
    void aResultExpiresAfterItsTtl() {
        CoalescingQueue<String, Order> queue = queue(Duration.ofSeconds(10));

        queue.submit("o-1", new Order("o-1", 7, "a"));
        scheduler.advance(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(10));
        queue.submit("o-1", new Order("o-1", 7, "b"));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(computed).containsExactly("o-1v7", "o-1v7");
    }

    @Test
    void withoutATtlNothingIsSkipped() {
        CoalescingQueue<String, Order> queue = queue(Duration.ZERO);

        queue.submit("o-1", new Order("o-1", 7, "a"));
        scheduler.advance(Duration.ofSeconds(1));
        queue.submit("o-1", new Order("o-1", 7, "b"));
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(computed).hasSize(2);
    }
}
