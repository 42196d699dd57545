package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a worker's turns one at a time, without a thread of its own. Requests while a turn is in
 * flight, or while one waits out its interval, collapse into one more turn, which reads the state
 * when it starts and so serves them all. A turn that the {@link TurnPacer} holds back waits on the
 * scheduler, and starts early if asked again once it need wait no longer.
 */
final class TurnLoop {

    private final Scheduler scheduler;
    private final TurnPacer pacer;
    /** Starts one turn; its stage completes once the turn's reply has been handled. */
    private final Supplier<CompletableFuture<?>> turn;
    /** Called whenever every request has been served. */
    private final Runnable idle;

    /** Requests not yet served; whoever raises it from zero runs turns until it is back to zero. */
    private final AtomicInteger requests = new AtomicInteger();
    /** The ticket of the turn waiting out its interval, or null; whoever clears it runs that turn. */
    private final AtomicReference<@Nullable Object> waiting = new AtomicReference<>();

    TurnLoop(Scheduler scheduler, TurnPacer pacer, Supplier<CompletableFuture<?>> turn, Runnable idle) {
        this.scheduler = scheduler;
        this.pacer = pacer;
        this.turn = turn;
        this.idle = idle;
    }

    /** Asks for a turn. */
    void request() {
        if (requests.getAndIncrement() == 0) {
            run(1);
        } else {
            startWaitingIfDue();
        }
    }

    /** Says whether every request has been served. */
    boolean idle() {
        return requests.get() == 0;
    }

    /** Runs turns until no request is left; {@code serving} is how many requests this run serves. */
    private void run(int serving) {
        int left = serving;
        while (true) {
            long wait = pacer.waitNanos();
            if (wait > 0) {
                Object ticket = new Object();
                waiting.set(ticket);
                var unused = scheduler.schedule(
                        () -> {
                            if (waiting.compareAndSet(ticket, null)) {
                                run(requests.get());
                            }
                        },
                        wait);
                // A slot freed before the ticket was set found no turn waiting: look again.
                startWaitingIfDue();
                return;
            }
            CompletableFuture<?> started = turn.get();
            if (!started.isDone()) {
                int served = left;
                var unused = started.whenComplete((ignored, failure) -> afterTurn(served));
                return;
            }
            left = requests.addAndGet(-left);
            if (left == 0) {
                idle.run();
                return;
            }
        }
    }

    private void afterTurn(int served) {
        int left = requests.addAndGet(-served);
        if (left != 0) {
            run(left);
        } else {
            idle.run();
        }
    }

    /** Starts the turn waiting out its interval now, if there is one and it need wait no longer. */
    private void startWaitingIfDue() {
        Object ticket = waiting.get();
        if (ticket != null && pacer.waitNanos() == 0 && waiting.compareAndSet(ticket, null)) {
            run(requests.get());
        }
    }
}
