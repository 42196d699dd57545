package dev.headroom.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Background refreshes: at most one per key in this process, run on the cache's executor, through
 * the lease when it is on (a refresh another instance is already doing is skipped). A refresh
 * stores what it loads like any load; a failed one is counted and leaves the old value in place.
 */
final class Refresher {

    private final Flights flights;
    private final LocalTier local;
    private final Counters counters;
    private final Executor executor;
    private final LoaderStep loader;
    private final @Nullable RedisSide redis;
    private final @Nullable LeaseProtocol lease;

    /**
     * @param lease the lease protocol, or null when loads take no lease
     */
    Refresher(
            Flights flights,
            LocalTier local,
            Counters counters,
            Executor executor,
            LoaderStep loader,
            @Nullable RedisSide redis,
            @Nullable LeaseProtocol lease) {
        this.flights = flights;
        this.local = local;
        this.counters = counters;
        this.executor = executor;
        this.loader = loader;
        this.redis = redis;
        this.lease = lease;
    }

    /** Starts one background refresh of {@code request}'s key, unless one is running. */
    void start(Request request, boolean early) {
        String key = request.key();
        Flight refresh = new Flight(local.epoch(), null);
        if (!flights.startRefresh(key, refresh)) {
            return;
        }
        counters.refreshes.increment();
        if (early) {
            counters.earlyRefreshes.increment();
        }
        try {
            executor.execute(() -> run(request, refresh));
        } catch (RejectedExecutionException e) {
            flights.endRefresh(key, refresh);
            counters.refreshFailures.increment();
        }
    }

    private void run(Request request, Flight refresh) {
        CompletableFuture<?> done;
        try {
            done = refresh(request, refresh);
        } catch (RuntimeException | Error e) {
            done = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = done.whenComplete((answer, error) -> {
            flights.endRefresh(request.key(), refresh);
            if (error != null) {
                counters.refreshFailures.increment();
            }
        });
    }

    private CompletableFuture<?> refresh(Request request, Flight refresh) {
        RedisSide side = redis;
        long version = side == null ? -1 : side.currentVersion();
        LeaseProtocol leases = lease;
        if (leases == null || version < 0) {
            return loader.load(request, refresh, null, version, null);
        }
        return leases.forRefresh(request.key(), version)
                .thenComposeAsync(
                        outcome -> outcome instanceof LeaseOutcome.Load granted
                                ? loader.load(request, refresh, null, version, granted.token())
                                : CompletableFuture.completedFuture(null),
                        executor);
    }
}
