package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.BreakerPermit;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.core.Ticker;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One queue's {@link Backend} behind a circuit breaker: every call is refused at once while the
 * breaker is open, and every failure or refusal is counted once and becomes a {@link
 * JobQueueException} naming the queue.
 */
final class GuardedStore {

    private final String queue;
    private final Backend backend;
    private final CircuitBreaker breaker;
    private final Ticker ticker;
    private final QueueCounters counters;

    GuardedStore(String queue, Backend backend, CircuitBreaker breaker, Ticker ticker, QueueCounters counters) {
        this.queue = queue;
        this.backend = backend;
        this.breaker = breaker;
        this.ticker = ticker;
        this.counters = counters;
    }

    String queue() {
        return queue;
    }

    List<AddResult> add(List<NewJob> jobs) {
        return call("add", () -> backend.add(jobs));
    }

    /** A worker turn; the future fails with a {@link JobQueueException}, never throws. */
    CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
        return callAsync(finished.isEmpty() ? "lease" : "complete", () -> backend.complete(finished, token, leaseMax));
    }

    FailOutcome fail(String id, String token, String error, boolean permanent, long retryDelayMs) {
        return call("fail", () -> backend.fail(id, token, error, permanent, retryDelayMs));
    }

    Set<String> extend(Map<String, String> tokensById) {
        return call("renew leases", () -> backend.extend(tokensById));
    }

    boolean progress(String id, String token, int percent) {
        return call("progress", () -> backend.progress(id, token, percent));
    }

    Optional<StatusRecord> status(String id) {
        return call("status", () -> backend.status(id));
    }

    QueueCounts counts() {
        return call("counts", backend::counts);
    }

    boolean redrive(String id) {
        return call("redrive", () -> backend.redrive(id));
    }

    private <T> T call(String what, Supplier<T> call) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            throw refused(what, permit);
        }
        long start = ticker.nanoTime();
        try {
            T result = call.get();
            permit.onSuccess(ticker.nanoTime() - start);
            return result;
        } catch (RuntimeException e) {
            permit.onError(e, ticker.nanoTime() - start);
            throw failed(what, e);
        }
    }

    private <T> CompletableFuture<T> callAsync(String what, Supplier<CompletableFuture<T>> call) {
        BreakerPermit permit = breaker.tryAcquirePermit();
        if (!permit.isPermitted()) {
            return CompletableFuture.failedFuture(refused(what, permit));
        }
        long start = ticker.nanoTime();
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.handle((result, failure) -> {
            long elapsed = ticker.nanoTime() - start;
            if (failure == null) {
                permit.onSuccess(elapsed);
                return result;
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            permit.onError(cause, elapsed);
            throw failed(what, cause);
        });
    }

    private JobQueueException refused(String what, BreakerPermit permit) {
        counters.storeError();
        return new JobQueueException(
                queue, what + " refused: circuit breaker '" + breaker.name() + "' is " + permit.state(), false, null);
    }

    private JobQueueException failed(String what, Throwable cause) {
        counters.storeError();
        boolean mayHaveApplied = cause instanceof RuntimeException e && backend.mayHaveApplied(e);
        return new JobQueueException(queue, what + " failed: " + cause, mayHaveApplied, cause);
    }
}
