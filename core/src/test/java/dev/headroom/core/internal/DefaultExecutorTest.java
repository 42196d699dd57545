package dev.headroom.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DefaultExecutorTest {

    private static final boolean JDK_HAS_VIRTUAL_THREADS = Runtime.version().feature() >= 21;

    @Test
    void theSharedExecutorUsesVirtualThreadsExactlyWhenTheRunningJdkHasThem() throws Exception {
        assertThat(DefaultExecutor.usesVirtualThreads()).isEqualTo(JDK_HAS_VIRTUAL_THREADS);

        Thread worker = CompletableFuture.supplyAsync(Thread::currentThread, DefaultExecutor.shared())
                .get(10, TimeUnit.SECONDS);

        assertThat(worker.isDaemon()).isTrue();
        if (!JDK_HAS_VIRTUAL_THREADS) {
            assertThat(worker.getName()).startsWith(DefaultExecutor.SHARED_THREAD_PREFIX);
        }
    }

    @Test
    void anOwnedExecutorNamesItsThreadsAndShutsDownAlone() throws Exception {
        ExecutorService owned = DefaultExecutor.newOwned("headroom-test-");
        try {
            Thread worker =
                    CompletableFuture.supplyAsync(Thread::currentThread, owned).get(10, TimeUnit.SECONDS);

            assertThat(worker.getName()).isEqualTo("headroom-test-1");
            assertThat(worker.isDaemon()).isTrue();
        } finally {
            owned.shutdown();
        }
        assertThat(owned.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(DefaultExecutor.shared().isShutdown()).isFalse();
    }

    @Test
    void aBlankThreadNamePrefixIsRefusedByName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DefaultExecutor.newOwned(" "))
                .withMessage("threadNamePrefix must not be blank: ' '");
    }
}
