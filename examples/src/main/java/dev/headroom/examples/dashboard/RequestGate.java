package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.breaker.Bulkhead;
import dev.headroom.breaker.BulkheadPermit;
import dev.headroom.breaker.Priority;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseVerdict;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.RateLimitHeaders;
import dev.headroom.ratelimit.TieredRateLimiter;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The protections every API request passes, cheapest first: the abuse guard on the client
 * address (429 while banned), the rate limits of the caller's plan by organization and user (429
 * with the {@code RateLimit} headers), then the load-shedding bulkhead by priority (503 when
 * shed). Only then does the endpoint run.
 */
final class RequestGate {

    /** An endpoint behind the gate. */
    @FunctionalInterface
    interface Endpoint {
        void handle(HttpExchange exchange, RequestContext context) throws IOException;
    }

    private final AbuseGuard abuse;
    private final TieredRateLimiter<RequestContext> limiter;
    private final Bulkhead bulkhead;
    private final LongAdder banned = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder shed = new LongAdder();

    RequestGate(AbuseGuard abuse, TieredRateLimiter<RequestContext> limiter, Bulkhead bulkhead) {
        this.abuse = abuse;
        this.limiter = limiter;
        this.bulkhead = bulkhead;
    }

    void pass(HttpExchange exchange, RequestContext context, Priority priority, Endpoint endpoint) throws IOException {
        AbuseVerdict verdict = abuse.check(context.address());
        if (!verdict.isAllowed()) {
            banned.increment();
            long seconds = Math.max(1, verdict.retryAfter().toSeconds());
            exchange.getResponseHeaders().set(RateLimitHeaders.RETRY_AFTER, Long.toString(seconds));
            HttpExchanges.sendError(
                    exchange, 429, "client address is banned for " + seconds + " s after too many requests");
            return;
        }
        Decision decision = limiter.tryAcquire(context);
        if (!decision.isAllowed()) {
            rateLimited.increment();
            RateLimitHeaders.of(decision).forEach(exchange.getResponseHeaders()::set);
            HttpExchanges.sendError(
                    exchange,
                    429,
                    "rate limit '" + decision.limit().name() + "' of plan " + context.plan() + " exceeded");
            return;
        }
        BulkheadPermit permit;
        try {
            permit = bulkhead.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpExchanges.sendError(exchange, 503, "server is shutting down");
            return;
        }
        if (!permit.isGranted()) {
            shed.increment();
            exchange.getResponseHeaders().set(RateLimitHeaders.RETRY_AFTER, "1");
            HttpExchanges.sendError(exchange, 503, "server is overloaded; " + priority + " requests are being shed");
            return;
        }
        try {
            Map<String, String> headers = RateLimitHeaders.of(decision);
            headers.forEach(exchange.getResponseHeaders()::set);
            endpoint.handle(exchange, context);
        } finally {
            permit.release();
        }
    }

    AbuseGuard abuse() {
        return abuse;
    }

    Bulkhead bulkhead() {
        return bulkhead;
    }

    TieredRateLimiter<RequestContext> limiter() {
        return limiter;
    }

    long banned() {
        return banned.sum();
    }

    long rateLimited() {
        return rateLimited.sum();
    }

    long shed() {
        return shed.sum();
    }
}
