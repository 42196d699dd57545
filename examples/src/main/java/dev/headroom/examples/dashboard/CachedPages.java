package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.cache.CacheLoader;
import dev.headroom.cache.CacheResult;
import dev.headroom.cache.TrafficCache;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Serves a JSON page through the cache (or around it while the cache is switched off), with the
 * {@code x-headroom-cache} header saying where it came from. When the database cannot produce the
 * page and nothing stale is cached, the page is answered degraded (200, {@code
 * x-headroom-degraded: database}) instead of failing.
 */
final class CachedPages {

    static final String BYPASS = "BYPASS:off";

    private final TrafficCache<String> cache;
    private final LongAdder degradedPages = new LongAdder();
    private volatile boolean enabled;

    CachedPages(TrafficCache<String> cache, boolean enabled) {
        this.cache = cache;
        this.enabled = enabled;
    }

    void serve(HttpExchange exchange, String key, Duration ttl, CacheLoader<String> loader, Supplier<String> degraded)
            throws IOException {
        String body;
        try {
            if (enabled) {
                CacheResult<String> result = cache.getOrSetResult(key, ttl, loader);
                exchange.getResponseHeaders().set(HttpExchanges.CACHE_HEADER, result.header());
                body = result.value();
            } else {
                exchange.getResponseHeaders().set(HttpExchanges.CACHE_HEADER, BYPASS);
                body = loader.load();
            }
        } catch (Exception e) {
            body = degradedBody(e, degraded);
            degradedPages.increment();
            exchange.getResponseHeaders().set(HttpExchanges.DEGRADED_HEADER, "database");
        }
        HttpExchanges.send(exchange, 200, body);
    }

    private static String degradedBody(Exception failure, Supplier<String> degraded) throws IOException {
        for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PartialAnswerException partial) {
                return partial.partialBody();
            }
            if (cause instanceof DatabaseException) {
                return degraded.get();
            }
            if (cause instanceof ApiException api) {
                throw api;
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** Returns how many pages were answered degraded, whole or in part. */
    long degradedPages() {
        return degradedPages.sum();
    }

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean on) {
        this.enabled = on;
    }

    TrafficCache<String> cache() {
        return cache;
    }
}
