package dev.headroom.cache.internal;

import dev.headroom.core.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A single read behind the hit path: the local copy, then one fetch per key in this process
 * (single-flight) that reads Redis, then loads through the lease when it is on. Written as
 * asynchronous steps that run on the executor each read passes in ({@link CallerExecutor} for
 * blocking reads); {@link TierReads} judges what the tiers hold, {@link LeaseProtocol} coordinates
 * loads across instances and {@link LoaderStep} loads and stores.
 */
final class Resolver {

    private final Ticker ticker;
    private final LocalTier local;
    private final Counters counters;
    private final Flights flights;
    private final TierReads reads;
    private final LoaderStep loader;
    private final @Nullable RedisSide redis;
    private final @Nullable LeaseProtocol lease;

    /**
     * @param redis the Redis tier, or null for a local-only cache
     * @param lease the lease protocol, or null when loads take no lease
     */
    Resolver(
            Ticker ticker,
            LocalTier local,
            Counters counters,
            Flights flights,
            TierReads reads,
            LoaderStep loader,
            @Nullable RedisSide redis,
            @Nullable LeaseProtocol lease) {
        this.ticker = ticker;
        this.local = local;
        this.counters = counters;
        this.flights = flights;
        this.reads = reads;
        this.loader = loader;
        this.redis = redis;
        this.lease = lease;
    }

    /**
     * Answers a read the hit path could not.
     *
     * @param exec where the read's steps run
     * @param blocking whether the calling thread blocks for the answer (to refuse recursive loads)
     * @throws IllegalStateException if a blocking loader reads the key it is loading
     */
    CompletableFuture<Resolution> resolve(Request request, Executor exec, boolean blocking) {
        String key = request.key();
        Resolution fromMemory = reads.fromMemory(request, local.entry(key), ticker.nanoTime());
        if (fromMemory != null) {
            return CompletableFuture.completedFuture(fromMemory);
        }
        Flight flight = new Flight(local.epoch(), blocking ? Thread.currentThread() : null);
        Flight running = flights.join(key, flight);
        if (running != flight) {
            return running.result.thenApply(Resolution::shared);
        }
        CompletableFuture<Resolution> led;
        try {
            led = lead(request, flight, exec);
        } catch (RuntimeException | Error e) {
            led = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = led.whenComplete((resolution, error) -> {
            flights.leave(key, flight);
            if (error != null) {
                flight.result.completeExceptionally(Failures.unwrap(error));
            } else {
                flight.result.complete(resolution);
            }
        });
        return flight.result;
    }

    private CompletableFuture<Resolution> lead(Request request, Flight flight, Executor exec) {
        long now = ticker.nanoTime();
        LocalEntry entry = local.entry(request.key());
        // Another fetch may have stored the key since this read looked.
        Resolution fromMemory = reads.fromMemory(request, entry, now);
        if (fromMemory != null) {
            return CompletableFuture.completedFuture(fromMemory);
        }
        counters.memoryMisses.increment();
        RedisSide side = redis;
        if (side == null) {
            return afterRead(request, flight, entry, null, -1, exec);
        }
        CompletableFuture<Long> version = side.readVersion(now);
        if (version.isDone()) {
            return readRemote(request, flight, entry, side, version.join(), exec);
        }
        return version.thenComposeAsync(known -> readRemote(request, flight, entry, side, known, exec), exec);
    }

    private CompletableFuture<Resolution> readRemote(
            Request request, Flight flight, @Nullable LocalEntry entry, RedisSide side, long version, Executor exec) {
        if (version < 0) {
            return afterRead(request, flight, entry, RedisRead.UNAVAILABLE, -1, exec);
        }
        return side.tier()
                .get(side.valueKey(request.key(), version))
                .thenComposeAsync(read -> afterRead(request, flight, entry, read, version, exec), exec);
    }

    private CompletableFuture<Resolution> afterRead(
            Request request,
            Flight flight,
            @Nullable LocalEntry entry,
            @Nullable RedisRead read,
            long version,
            Executor exec) {
        TierReads.Next next = reads.afterRedis(request, flight, entry, read, ticker.nanoTime());
        Resolution answer = next.answer();
        if (answer != null) {
            return CompletableFuture.completedFuture(answer);
        }
        LeaseProtocol leases = lease;
        if (leases == null || version < 0) {
            return loader.load(request, flight, next.fallback(), version, null);
        }
        return leases.forRead(request, flight, next.fallback(), version, exec, reads::fromLease)
                .thenCompose(outcome -> afterLease(request, flight, version, outcome));
    }

    private CompletableFuture<Resolution> afterLease(
            Request request, Flight flight, long version, LeaseOutcome outcome) {
        if (outcome instanceof LeaseOutcome.Serve serve) {
            return CompletableFuture.completedFuture(serve.answer());
        }
        if (outcome instanceof LeaseOutcome.Load granted) {
            return loader.load(request, flight, granted.fallback(), version, granted.token());
        }
        throw new IllegalStateException("a read's lease request ended in " + outcome);
    }
}
