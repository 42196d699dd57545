package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallerExecutorTest {

    @Test
    void stepsScheduledFromOtherThreadsRunOnTheWaitingThread() {
        CallerExecutor caller = new CallerExecutor();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<String> reply = new CompletableFuture<>();
        CompletableFuture<String> answer = reply.thenApplyAsync(
                value -> {
                    ranOn.set(Thread.currentThread());
                    return value + "!";
                },
                caller);
        new Thread(() -> reply.complete("done")).start();

        assertThat(caller.await(answer).join()).isEqualTo("done!");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void anInterruptDoesNotAbandonTheReadButIsKept() {
        CallerExecutor caller = new CallerExecutor();
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread reader = Thread.currentThread();
        new Thread(() -> {
                    reader.interrupt();
                    reply.complete("done");
                })
                .start();

        assertThat(caller.await(reply).join()).isEqualTo("done");
        assertThat(Thread.interrupted()).isTrue();
    }
}
