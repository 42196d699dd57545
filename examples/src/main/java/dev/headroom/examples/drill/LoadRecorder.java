package dev.headroom.examples.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Collects the outcomes of one step from the connection threads and cuts them into timeline
 * buckets.
 *
 * <p>The {@code record} methods may be called from any number of threads at once: latencies go to
 * HdrHistogram {@link Recorder}s (wait-free), counts to {@link LongAdder}s; the only lock is the one
 * {@link ConcurrentHashMap} takes when a client or route label is seen for the first time. {@link
 * #sample} and {@link #result} belong to one thread, the one that runs the step, and {@link
 * #result} must come after every recording thread has stopped and a last {@link #sample}.
 */
final class LoadRecorder {

    /** Highest latency tracked, one hour in microseconds; a longer one is recorded as one hour. */
    static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder latency = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    private final ConcurrentMap<String, Recorder> routes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, OutcomeCounts.Adders> clients = new ConcurrentHashMap<>();
    private final LongAdder nonSuccess = new LongAdder();

    // Confined to the thread that samples.
    private final Histogram interval = newHistogram();
    private final Histogram total = newHistogram();
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private long sampledNonSuccess;

    /** Records a response and its latency under the request's route and client. */
    void recordResponse(
            DrillRequest request, int status, long latencyMicros, @Nullable String cacheHeader, boolean degraded) {
        long micros = Math.max(0, Math.min(latencyMicros, HIGHEST_TRACKABLE_MICROS));
        latency.recordValue(micros);
        routes.computeIfAbsent(request.route(), route -> new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS))
                .recordValue(micros);
        OutcomeCounts.Adders counts = counts(request.client());
        Outcome statusClass = Outcome.ofStatus(status);
        counts.increment(statusClass);
        if (status == 429) {
            counts.increment(Outcome.STATUS_429);
        }
        if (statusClass != Outcome.STATUS_2XX) {
            nonSuccess.increment();
        }
        if (cacheHeader != null) {
            counts.increment(Outcome.CACHE_HEADER);
            if (cacheHeader.startsWith("HIT")) {
                counts.increment(Outcome.CACHE_HIT);
            } else if (cacheHeader.startsWith("STALE")) {
                counts.increment(Outcome.CACHE_STALE);
            } else if (cacheHeader.startsWith("MISS")) {
                counts.increment(Outcome.CACHE_MISS);
            }
        }
        if (degraded) {
            counts.increment(Outcome.DEGRADED);
        }
    }

    /** Records an attempt that got no response within the request timeout. */
    void recordTimeout(DrillRequest request) {
        counts(request.client()).increment(Outcome.TIMEOUT);
        nonSuccess.increment();
    }

    /** Records an attempt that failed with an I/O error. */
    void recordError(DrillRequest request) {
        counts(request.client()).increment(Outcome.ERROR);
        nonSuccess.increment();
    }

    /**
     * Closes the current timeline bucket and returns it. Everything recorded before this call is
     * in this bucket or an earlier one.
     */
    TimelinePoint sample() {
        latency.getIntervalHistogramInto(interval);
        total.add(interval);
        long nonSuccessNow = nonSuccess.sum(); // only ever grows, so the buckets add up to the total
        TimelinePoint point = new TimelinePoint(
                timeline.size(),
                interval.getTotalCount(),
                millis(interval, 50),
                millis(interval, 99),
                nonSuccessNow - sampledNonSuccess);
        sampledNonSuccess = nonSuccessNow;
        timeline.add(point);
        return point;
    }

    /** Responses recorded up to the last {@link #sample}. */
    long sampledResponses() {
        return total.getTotalCount();
    }

    /** Non-2xx responses, errors and timeouts recorded up to the last {@link #sample}. */
    long sampledNonSuccess() {
        return sampledNonSuccess;
    }

    /**
     * The step's result. Call once, after recording has stopped and a last {@link #sample} was taken.
     */
    LoadResult result(String stepName, Duration ran) {
        Map<String, RouteStats> routeStats = new TreeMap<>();
        routes.forEach((route, recorder) -> {
            Histogram histogram = recorder.getIntervalHistogram();
            routeStats.put(
                    route,
                    new RouteStats(
                            histogram.getTotalCount(),
                            millis(histogram, 50),
                            millis(histogram, 97.5),
                            millis(histogram, 99)));
        });
        Map<String, OutcomeCounts> clientCounts = new TreeMap<>();
        clients.forEach((client, adders) -> clientCounts.put(client, adders.sum()));
        return new LoadResult(stepName, ran, total, clientCounts, routeStats, timeline);
    }

    /** The value at {@code percentile} in milliseconds, or {@code NaN} for an empty histogram. */
    static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    }

    private OutcomeCounts.Adders counts(String client) {
        return clients.computeIfAbsent(client, key -> new OutcomeCounts.Adders());
    }
}
