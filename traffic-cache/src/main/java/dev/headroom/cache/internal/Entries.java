package dev.headroom.cache.internal;

import dev.headroom.core.Ticker;
import java.util.function.ToIntFunction;

/**
 * Turns values into local entries with their deadlines, and holds the rules of absent values: a
 * read accepts an absent value only when it asked for an optional one and absent values are
 * cached, and an absent value lives for the negative TTL.
 */
final class Entries {

    private final Lifetimes lifetimes;
    private final Ticker ticker;
    private final ToIntFunction<Object> weigher;
    private final long negativeTtlMillis;

    /**
     * @param negativeTtlMillis how long absent values are cached; 0 when they are not
     */
    Entries(Lifetimes lifetimes, Ticker ticker, ToIntFunction<Object> weigher, long negativeTtlMillis) {
        this.lifetimes = lifetimes;
        this.ticker = ticker;
        this.weigher = weigher;
        this.negativeTtlMillis = negativeTtlMillis;
    }

    /** Whether {@code request} may be answered with {@code value}. */
    boolean accepts(Request request, Object value) {
        return value != Absent.INSTANCE || (request.optional() && cachesAbsent());
    }

    /** Whether absent values are stored at all. */
    boolean cachesAbsent() {
        return negativeTtlMillis > 0;
    }

    /** The TTL of {@code value}: the negative TTL for an absent value, else {@code ttlMillis}. */
    long ttlFor(long ttlMillis, Object value) {
        return value == Absent.INSTANCE ? negativeTtlMillis : ttlMillis;
    }

    /** The entry of a value read from Redis at {@code now}, with the deadlines its writer set. */
    LocalEntry fromRedis(Request request, ValueCodec.Decoded decoded, long now, int epoch) {
        Object value = decoded.value();
        return lifetimes.entry(
                request.key(),
                value,
                ttlFor(request.ttlMillis(), value),
                decoded.computedAtMillis(),
                decoded.computeNanos(),
                now,
                ticker.wallMillis(),
                epoch,
                weigher.applyAsInt(value));
    }

    /** The entry of a value computed here at {@code computedAtMillis} that lives {@code ttlMillis}. */
    LocalEntry computed(String key, Object value, long ttlMillis, long computedAtMillis, long computeNanos, int epoch) {
        return lifetimes.entry(
                key,
                value,
                ttlMillis,
                computedAtMillis,
                computeNanos,
                ticker.nanoTime(),
                computedAtMillis,
                epoch,
                weigher.applyAsInt(value));
    }
}
