package dev.headroom.cache.internal;

import dev.headroom.cache.CacheOutcome;
import org.jspecify.annotations.Nullable;

/**
 * What a read does with the copies the tiers hold, for single and bulk reads alike: serve one now
 * (a hit, or a stale value while one refresh replaces it), or load with a stale fallback. Every
 * copy is judged by {@link Freshness}; a copy read from Redis is stored in the local tier when it
 * may be served, and a fresh copy in the early-refresh zone starts a background refresh, wherever
 * it was found.
 */
final class TierReads {

    private final Freshness freshness;
    private final Entries entries;
    private final ValueCodec<?> codec;
    private final LocalTier local;
    private final Flights flights;
    private final Refresher refresher;
    private final Counters counters;

    TierReads(
            Freshness freshness,
            Entries entries,
            ValueCodec<?> codec,
            LocalTier local,
            Flights flights,
            Refresher refresher,
            Counters counters) {
        this.freshness = freshness;
        this.entries = entries;
        this.codec = codec;
        this.local = local;
        this.flights = flights;
        this.refresher = refresher;
        this.counters = counters;
    }

    /** A read's next step: serve {@code answer}, or (when it is null) load, serving {@code fallback} if that fails. */
    record Next(@Nullable Resolution answer, @Nullable LocalEntry fallback) {}

    /**
     * Judges the local copy before Redis is asked.
     *
     * @return the answer, or null when Redis (or the loader) must be asked: the copy is missing, not
     *     trusted any more, or stale with no refresh running
     */
    @Nullable
    Resolution fromMemory(Request request, @Nullable LocalEntry entry, long now) {
        if (entry == null || !entries.accepts(request, entry.value)) {
            return null;
        }
        return switch (freshness.judge(entry, now, true)) {
            case FRESH -> {
                counters.memoryHits.increment();
                local.promote(request.key(), entry, now);
                yield new Resolution(entry.value, CacheOutcome.HIT_MEMORY);
            }
            case FRESH_REFRESH_EARLY -> {
                counters.memoryHits.increment();
                refresher.start(request, true);
                yield new Resolution(entry.value, CacheOutcome.HIT_MEMORY);
            }
            case REVALIDATE -> {
                if (!flights.refreshing(request.key())) {
                    yield null;
                }
                counters.staleRevalidating.increment();
                yield new Resolution(entry.value, CacheOutcome.STALE_REVALIDATING);
            }
            case UNCONFIRMED, EXPIRED -> null;
        };
    }

    /**
     * Judges what Redis answered, and the local copy when Redis could not answer.
     *
     * @param entry the local copy read before Redis was asked, or null
     * @param read what Redis answered, or null when there is no Redis tier
     */
    Next afterRedis(Request request, Flight flight, @Nullable LocalEntry entry, @Nullable RedisRead read, long now) {
        LocalEntry copy = entry != null && entries.accepts(request, entry.value) ? entry : null;
        LocalEntry fallback = null;
        if (read == null || read.kind == RedisRead.Kind.UNAVAILABLE) {
            if (copy != null) {
                Verdict verdict = freshness.judge(copy, now, false);
                if (verdict.fresh()) {
                    counters.memoryHits.increment();
                    refreshIfEarly(request, verdict);
                    return serve(copy, CacheOutcome.HIT_MEMORY);
                }
                if (verdict == Verdict.REVALIDATE) {
                    return revalidating(request, copy);
                }
            }
        } else {
            byte[] bytes = read.bytes;
            LocalEntry found = bytes == null ? null : decode(request, bytes, now, flight.epoch);
            if (found != null) {
                Verdict verdict = freshness.judge(found, now, false);
                if (verdict.fresh()) {
                    counters.redisHits.increment();
                    store(request.key(), found, flight);
                    refreshIfEarly(request, verdict);
                    return serve(found, CacheOutcome.HIT_REDIS);
                }
                if (verdict == Verdict.REVALIDATE) {
                    counters.redisMisses.increment();
                    store(request.key(), found, flight);
                    return revalidating(request, found);
                }
                if (found.servesOnError(now)) {
                    fallback = found;
                }
            }
            counters.redisMisses.increment();
        }
        if (fallback == null && copy != null && copy.servesOnError(now)) {
            fallback = copy;
        }
        return new Next(null, fallback);
    }

    /**
     * Judges a value the lease script returned instead of the lease. A fresh copy is stored locally
     * and, in the early-refresh zone, starts a background refresh.
     *
     * @return the copy if it is fresh; null if it must be replaced
     */
    @Nullable
    LocalEntry fromLease(Request request, Flight flight, byte[] bytes, long now) {
        LocalEntry found = decode(request, bytes, now, flight.epoch);
        if (found == null) {
            return null;
        }
        Verdict verdict = freshness.judge(found, now, false);
        if (!verdict.fresh()) {
            return null;
        }
        store(request.key(), found, flight);
        refreshIfEarly(request, verdict);
        return found;
    }

    private @Nullable LocalEntry decode(Request request, byte[] bytes, long now, int epoch) {
        ValueCodec.Decoded decoded = codec.decode(bytes);
        return decoded != null && entries.accepts(request, decoded.value())
                ? entries.fromRedis(request, decoded, now, epoch)
                : null;
    }

    private void refreshIfEarly(Request request, Verdict verdict) {
        if (verdict == Verdict.FRESH_REFRESH_EARLY) {
            refresher.start(request, true);
        }
    }

    private Next revalidating(Request request, LocalEntry stale) {
        counters.staleRevalidating.increment();
        refresher.start(request, false);
        return serve(stale, CacheOutcome.STALE_REVALIDATING);
    }

    private static Next serve(LocalEntry entry, CacheOutcome outcome) {
        return new Next(new Resolution(entry.value, outcome), null);
    }

    private void store(String key, LocalEntry entry, Flight flight) {
        if (!flight.discarded) {
            local.store(key, entry);
        }
    }
}
