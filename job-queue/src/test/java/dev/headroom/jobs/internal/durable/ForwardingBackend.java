package dev.headroom.jobs.internal.durable;

import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.QueueCounts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A store that passes every call to another; tests override what they watch. */
class ForwardingBackend implements Backend {

    private final Backend store;

    ForwardingBackend(Backend store) {
        this.store = store;
    }

    @Override
    public boolean remote() {
        return store.remote();
    }

    @Override
    public List<AddResult> add(List<NewJob> jobs) {
        return store.add(jobs);
    }

    @Override
    public CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
        return store.complete(finished, token, leaseMax);
    }

    @Override
    public FailOutcome fail(String id, String token, String error, boolean permanent, long retryDelayMs) {
        return store.fail(id, token, error, permanent, retryDelayMs);
    }

    @Override
    public Set<String> extend(Map<String, String> tokensById) {
        return store.extend(tokensById);
    }

    @Override
    public boolean progress(String id, String token, int percent) {
        return store.progress(id, token, percent);
    }

    @Override
    public Optional<StatusRecord> status(String id) {
        return store.status(id);
    }

    @Override
    public QueueCounts counts() {
        return store.counts();
    }

    @Override
    public boolean redrive(String id) {
        return store.redrive(id);
    }

    @Override
    public AutoCloseable subscribe(Runnable onWake) {
        return store.subscribe(onWake);
    }

    @Override
    public void close() {
        store.close();
    }
}
