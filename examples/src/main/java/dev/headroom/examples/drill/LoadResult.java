package dev.headroom.examples.drill;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one step of load received: an immutable snapshot.
 *
 * <p>A request counts as one of three things: a response ({@link #requests()}, split by status
 * class), a {@linkplain #timeouts() timeout} or an {@linkplain #errors() error}; only responses have
 * a latency. Thus {@code requests() == status2xx() + status4xx() + status5xx() + statusOther()}, the
 * per-client counts add up to the totals, and the {@linkplain #timeline() timeline} buckets add up
 * to {@code requests()} and {@code nonSuccess()}. Latencies are in milliseconds, read from an
 * HdrHistogram with three significant digits, measured as a closed loop sees them (no correction
 * for coordinated omission), and {@code NaN} when there was no response.
 */
final class LoadResult {

    private final String stepName;
    private final Duration duration;
    private final double p50;
    private final double p95;
    private final double p975;
    private final double p99;
    private final double max;
    private final OutcomeCounts totals;
    private final Map<String, OutcomeCounts> clients;
    private final Map<String, RouteStats> routes;
    private final List<TimelinePoint> timeline;

    /**
     * Copies everything it is given.
     *
     * @param clients counts per client label
     */
    LoadResult(
            String stepName,
            Duration duration,
            Histogram latency,
            Map<String, OutcomeCounts> clients,
            Map<String, RouteStats> routes,
            List<TimelinePoint> timeline) {
        this.stepName = stepName;
        this.duration = duration;
        this.p50 = LoadRecorder.millis(latency, 50);
        this.p95 = LoadRecorder.millis(latency, 95);
        this.p975 = LoadRecorder.millis(latency, 97.5);
        this.p99 = LoadRecorder.millis(latency, 99);
        this.max = latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        this.clients = Collections.unmodifiableMap(new TreeMap<>(clients));
        this.totals = clients.values().stream().reduce(OutcomeCounts.NONE, OutcomeCounts::plus);
        this.routes = Collections.unmodifiableMap(new TreeMap<>(routes));
        this.timeline = List.copyOf(timeline);
    }

    /** The step's name. */
    String stepName() {
        return stepName;
    }

    /** How long the step ran, from its start until its last connection stopped. */
    Duration duration() {
        return duration;
    }

    /** Responses received, whatever their status. */
    long requests() {
        return status2xx() + status4xx() + status5xx() + statusOther();
    }

    /** Responses per second over {@link #duration()}. */
    double rps() {
        long nanos = duration.toNanos();
        return nanos == 0 ? 0 : requests() * 1e9 / nanos;
    }

    /** Median latency in milliseconds. */
    double p50() {
        return p50;
    }

    /** 95th percentile latency in milliseconds. */
    double p95() {
        return p95;
    }

    /** 97.5th percentile latency in milliseconds. */
    double p975() {
        return p975;
    }

    /** 99th percentile latency in milliseconds. */
    double p99() {
        return p99;
    }

    /** Highest latency in milliseconds. */
    double max() {
        return max;
    }

    long status2xx() {
        return totals.get(Outcome.STATUS_2XX);
    }

    long status4xx() {
        return totals.get(Outcome.STATUS_4XX);
    }

    long status5xx() {
        return totals.get(Outcome.STATUS_5XX);
    }

    /** Responses with a status outside 2xx, 4xx and 5xx. */
    long statusOther() {
        return totals.get(Outcome.STATUS_OTHER);
    }

    /** Responses with status 429, also counted in {@link #status4xx()}. */
    long count429() {
        return totals.get(Outcome.STATUS_429);
    }

    /** Attempts that failed with an I/O error other than a timeout. */
    long errors() {
        return totals.get(Outcome.ERROR);
    }

    /** Attempts without a response within the request timeout, or still in flight when stopped. */
    long timeouts() {
        return totals.get(Outcome.TIMEOUT);
    }

    /** Non-2xx responses plus errors plus timeouts. */
    long nonSuccess() {
        return requests() - status2xx() + errors() + timeouts();
    }

    /** Client labels seen, sorted. */
    Set<String> clients() {
        return clients.keySet();
    }

    /** What {@code client} received; all zero for a label not seen. */
    ClientCounts countByClient(String client) {
        OutcomeCounts counts = clients.getOrDefault(client, OutcomeCounts.NONE);
        long ok = counts.get(Outcome.STATUS_2XX);
        long tooMany = counts.get(Outcome.STATUS_429);
        long responses =
                ok + counts.get(Outcome.STATUS_4XX) + counts.get(Outcome.STATUS_5XX) + counts.get(Outcome.STATUS_OTHER);
        return new ClientCounts(
                responses,
                ok,
                tooMany,
                responses - ok - tooMany,
                counts.get(Outcome.ERROR),
                counts.get(Outcome.TIMEOUT));
    }

    /** Responses whose {@code x-headroom-cache} header starts with {@code HIT}. */
    long cacheHits() {
        return totals.get(Outcome.CACHE_HIT);
    }

    /** Responses whose {@code x-headroom-cache} header starts with {@code STALE}. */
    long cacheStale() {
        return totals.get(Outcome.CACHE_STALE);
    }

    /** Responses whose {@code x-headroom-cache} header starts with {@code MISS}. */
    long cacheMisses() {
        return totals.get(Outcome.CACHE_MISS);
    }

    /**
     * Hits and stale hits over all responses carrying {@code x-headroom-cache}, whatever its value;
     * {@code NaN} if none did.
     */
    double cacheHitRatio() {
        long withHeader = totals.get(Outcome.CACHE_HEADER);
        return withHeader == 0 ? Double.NaN : (double) (cacheHits() + cacheStale()) / withHeader;
    }

    /** Responses carrying the {@code x-headroom-degraded} header. */
    long degradedResponses() {
        return totals.get(Outcome.DEGRADED);
    }

    /** Route labels seen, sorted. */
    Set<String> routes() {
        return routes.keySet();
    }

    /** Responses and latency of {@code route}; no requests and {@code NaN} latencies if not seen. */
    RouteStats route(String route) {
        RouteStats stats = routes.get(route);
        return stats != null ? stats : new RouteStats(0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One bucket per second from the start, the last one including the wait for requests in flight. */
    List<TimelinePoint> timeline() {
        return timeline;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "LoadResult[%s: %d requests in %s, %.1f rps, p50 %.1f ms, p99 %.1f ms, %d not 2xx]",
                stepName,
                requests(),
                duration,
                rps(),
                p50,
                p99,
                nonSuccess());
    }
}
