package dev.headroom.cache.internal;

import dev.headroom.cache.CacheOutcome;
import dev.headroom.core.Scheduler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The cross-instance load lease: one instance loads a missing key while the others wait for its
 * value, or serve a stale one. A read that missed asks for the lease and for the value in one
 * script. The lease holder loads; a value that appeared meanwhile is judged like any other read;
 * while another instance holds the lease, a read with a stale value serves it, and one without
 * asks again after short pauses (2, 4, 8 ... up to 50 ms, on the scheduler) until the holder's
 * value appears or the lease wait is spent, and then loads itself. When Redis does not answer, the
 * read loads without the lease.
 */
final class LeaseProtocol {

    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RedisSide redis;
    private final Scheduler scheduler;
    private final Counters counters;
    private final long leaseTtlMillis;
    private final long leaseWaitNanos;
    private final String source;
    private final AtomicLong tokens = new AtomicLong();

    /**
     * @param source this instance's id, the prefix of its lease tokens
     */
    LeaseProtocol(
            RedisSide redis,
            Scheduler scheduler,
            Counters counters,
            long leaseTtlMillis,
            long leaseWaitNanos,
            String source) {
        this.redis = redis;
        this.scheduler = scheduler;
        this.counters = counters;
        this.leaseTtlMillis = leaseTtlMillis;
        this.leaseWaitNanos = leaseWaitNanos;
        this.source = source;
    }

    /** Judges a value found in Redis instead of the lease, as every read judges one. */
    @FunctionalInterface
    interface Judge {
        /** The copy, stored locally, if it may be served; null if it must be replaced. */
        @Nullable
        LocalEntry judge(Request request, Flight flight, byte[] bytes, long now);
    }

    /**
     * Asks for the lease for a read that found nothing fresh under {@code version}.
     *
     * @param fallback the stale value the read may serve instead of waiting or after a failed load
     * @param exec where the read's steps run
     * @param judge judges a value found instead of the lease
     * @return completes, on {@code exec}, with what the read does next; never exceptionally
     */
    CompletableFuture<LeaseOutcome> forRead(
            Request request, Flight flight, @Nullable LocalEntry fallback, long version, Executor exec, Judge judge) {
        return attempt(new Attempt(request, flight, fallback, version, newToken(), exec, judge), true, 0, 0);
    }

    /**
     * Asks for the lease for a background refresh under {@code version}: {@link LeaseOutcome.Load}
     * with the token when taken, without one when Redis did not answer, {@link LeaseOutcome.Skip}
     * when another load holds it.
     */
    CompletableFuture<LeaseOutcome> forRefresh(String key, long version) {
        String token = newToken();
        return redis.tier()
                .acquireLease(redis.valueKey(key, version), redis.leaseKey(key, version), token, leaseTtlMillis, false)
                .thenApply(reply -> switch (reply.kind) {
                    case ACQUIRED -> {
                        counters.leasesAcquired.increment();
                        yield new LeaseOutcome.Load(token, null);
                    }
                    case UNAVAILABLE -> new LeaseOutcome.Load(null, null);
                    case HELD, VALUE -> new LeaseOutcome.Skip();
                });
    }

    /** One read's lease request. */
    private record Attempt(
            Request request,
            Flight flight,
            @Nullable LocalEntry fallback,
            long version,
            String token,
            Executor exec,
            Judge judge) {}

    private CompletableFuture<LeaseOutcome> attempt(Attempt read, boolean wantValue, long waitedNanos, int round) {
        String key = read.request().key();
        return redis.tier()
                .acquireLease(
                        redis.valueKey(key, read.version()),
                        redis.leaseKey(key, read.version()),
                        read.token(),
                        leaseTtlMillis,
                        wantValue)
                .thenComposeAsync(reply -> answered(read, reply, waitedNanos, round), read.exec());
    }

    private CompletableFuture<LeaseOutcome> answered(Attempt read, LeaseReply reply, long waitedNanos, int round) {
        return switch (reply.kind) {
            case ACQUIRED -> {
                counters.leasesAcquired.increment();
                yield done(new LeaseOutcome.Load(read.token(), read.fallback()));
            }
            case VALUE -> {
                LeaseOutcome.Serve found = found(read, reply.value, waitedNanos);
                // What is there is expired or unreadable: take the lease to replace it.
                yield found != null ? done(found) : attempt(read, false, waitedNanos, round);
            }
            case HELD -> held(read, waitedNanos, round);
            case UNAVAILABLE -> done(new LeaseOutcome.Load(null, read.fallback()));
        };
    }

    private CompletableFuture<LeaseOutcome> held(Attempt read, long waitedNanos, int round) {
        LocalEntry fallback = read.fallback();
        if (fallback != null) {
            counters.staleWhileLeased.increment();
            return done(new LeaseOutcome.Serve(new Resolution(fallback.value, CacheOutcome.STALE_LEASED)));
        }
        if (waitedNanos >= leaseWaitNanos) {
            counters.leaseTimeouts.increment();
            return done(new LeaseOutcome.Load(null, null));
        }
        long pause = Math.min(
                leaseWaitNanos - waitedNanos,
                Math.min(MAX_PAUSE_NANOS, TimeUnit.MILLISECONDS.toNanos(2L << Math.min(round, 5))));
        CompletableFuture<Void> paused = new CompletableFuture<>();
        Scheduler.Cancellable unused = scheduler.schedule(() -> paused.complete(null), pause);
        return paused.thenComposeAsync(ignored -> attempt(read, true, waitedNanos + pause, round + 1), read.exec());
    }

    private LeaseOutcome.@Nullable Serve found(Attempt read, byte @Nullable [] bytes, long waitedNanos) {
        if (bytes == null) {
            return null;
        }
        LocalEntry found = read.judge()
                .judge(read.request(), read.flight(), bytes, scheduler.ticker().nanoTime());
        if (found == null) {
            return null;
        }
        if (waitedNanos > 0) {
            counters.leaseWaits.increment();
            return new LeaseOutcome.Serve(new Resolution(found.value, CacheOutcome.MISS_LEASED));
        }
        counters.redisHits.increment();
        return new LeaseOutcome.Serve(new Resolution(found.value, CacheOutcome.HIT_REDIS));
    }

    private static CompletableFuture<LeaseOutcome> done(LeaseOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    private String newToken() {
        return source + ':' + tokens.incrementAndGet();
    }
}
