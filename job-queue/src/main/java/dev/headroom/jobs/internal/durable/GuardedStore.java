package dev.headroom.jobs.internal.durable;

import dev.headroom.breaker.CallNotPermittedException;
import dev.headroom.breaker.internal.redis.GuardedRedis;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One queue's {@link Backend} behind the shared guarded Redis call: every call is refused at once
 * while the breaker is open, a failure is counted once (in {@link GuardedRedis#failures()}, the
 * meter {@code headroom.redis.failures}), and a refusal or a failure becomes a {@link
 * JobQueueException} naming the queue.
 */
final class GuardedStore {

    private final String queue;
    private final Backend backend;
    private final GuardedRedis guard;

    GuardedStore(String queue, Backend backend, GuardedRedis guard) {
        this.queue = queue;
        this.backend = backend;
        this.guard = guard;
    }

    String queue() {
        return queue;
    }

    /** The guard, whose counts the metrics publish. */
    GuardedRedis guard() {
        return guard;
    }

    /** Store calls that failed or that the breaker refused. */
    long errors() {
        return guard.failures() + guard.refusals();
    }

    List<AddResult> add(List<NewJob> jobs) {
        return call("add", () -> backend.add(jobs));
    }

    /** A worker turn; the future fails with a {@link JobQueueException}, never throws. */
    CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
        String what = finished.isEmpty() ? "lease" : "complete";
        return guard.callAsync(() -> backend.complete(finished, token, leaseMax), failure -> {
            throw failed(what, failure);
        });
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
        return guard.call(call, failure -> {
            throw failed(what, failure);
        });
    }

    private JobQueueException failed(String what, Throwable failure) {
        if (failure instanceof CallNotPermittedException refused) {
            return new JobQueueException(
                    queue,
                    what + " refused: circuit breaker '" + refused.componentName() + "' is " + refused.state(),
                    false,
                    null);
        }
        boolean mayHaveApplied = failure instanceof RuntimeException e && backend.mayHaveApplied(e);
        return new JobQueueException(queue, what + " failed: " + failure, mayHaveApplied, failure);
    }
}
