package dev.headroom.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.internal.DefaultExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultExecutorTest {

    private static final boolean JDK_HAS_VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void usesVirtualThreadsExactlyWhenTheRunningJdkHasThem() throws Exception {
        assertThat(DefaultExecutor.usesVirtualThreads()).isEqualTo(JDK_HAS_VIRTUAL_THREADS);

        Thread worker = CompletableFuture.supplyAsync(Thread::currentThread, DefaultExecutor.shared())
                .get(10, TimeUnit.SECONDS);

        assertThat(worker.isDaemon()).isTrue();
        if (!JDK_HAS_VIRTUAL_THREADS) {
            assertThat(worker.getName()).startsWith("headroom-worker-");
        }
    }
}
