package dev.headroom.jobs.internal.coalescing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shutdown warning names a bounded number of keys; the report it summarises holds them all. */
class ShutdownWarningTest {

    @Test
    void aFewKeysAreAllListed() {
        assertThat(DefaultCoalescingQueue.firstKeys(List.of("a", "b", "c"))).isEqualTo("[a, b, c]");
        assertThat(DefaultCoalescingQueue.firstKeys(List.of())).isEqualTo("[]");
    }

    @Test
    void manyKeysAreCutAfterTwentyWithTheCountOfTheRest() {
        List<String> keys =
                IntStream.range(0, 10_000).mapToObj(i -> "client-" + i).toList();

        String logged = DefaultCoalescingQueue.firstKeys(keys);

        assertThat(logged).startsWith("[client-0, client-1, ").endsWith("client-19, ... 9980 more]");
    }
}
