package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.headroom.jobs.CoalescingQueue;
import dev.headroom.jobs.SubmitOutcome;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/daily-metrics}: validates, upserts the raw check-in as {@code PENDING} and
 * answers 202 at once. The derived readiness score is recomputed off the request path, once per
 * burst of writes for the same {@code clientId:date} (the coalescing queue), and skipped when the
 * payload did not change (its skip cache); the notification step still runs.
 */
final class DailyMetricsEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(DailyMetricsEndpoint.class);
    private static final int LOW_READINESS = 40;

    private final Database database;
    private final Clock clock;
    private final LongAdder lowReadinessNotices = new LongAdder();
    private final CoalescingQueue<String, DailyMetric> recompute;

    DailyMetricsEndpoint(Database database, Clock clock, CoalescingQueue.Builder<String, DailyMetric, Integer> queue) {
        this.database = database;
        this.clock = clock;
        this.recompute = queue.after(this::notifyIfLow).build();
    }

    /** The recomputation: the day's readiness from the client's previous four weeks. */
    static CoalescingQueue.Builder<String, DailyMetric, Integer> recomputation(Database database) {
        return CoalescingQueue.<String, DailyMetric, Integer>builder(
                        (key, metric) -> database.read(sql -> readiness(sql, metric)))
                .name("daily-metrics-recompute");
    }

    void handle(HttpExchange exchange, RequestContext context) throws IOException {
        DailyMetric metric = DailyMetric.parse(HttpExchanges.readJsonObject(exchange), LocalDate.now(clock));
        database.read(sql -> upsertPending(sql, metric));
        SubmitOutcome outcome = recompute.submit(metric.key(), metric);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", metric.key());
        body.put("status", "PENDING");
        body.put("recompute", outcome.name());
        HttpExchanges.send(exchange, 202, HttpExchanges.json(body));
    }

    CoalescingQueue<String, DailyMetric> queue() {
        return recompute;
    }

    long lowReadinessNotices() {
        return lowReadinessNotices.sum();
    }

    private static int upsertPending(SqlSession sql, DailyMetric metric) throws SQLException {
        Object[] values = {metric.steps(), metric.sleepMinutes(), metric.restingHr(), metric.hrv()};
        String update = "UPDATE daily_metrics SET steps = ?, sleep_minutes = ?, resting_hr = ?, hrv = ?,"
                + " readiness = NULL, status = 'PENDING' WHERE client_id = ? AND metric_date = ?";
        if (sql.update(update, values[0], values[1], values[2], values[3], metric.clientId(), metric.date()) > 0) {
            return 1;
        }
        try {
            return sql.update(
                    "INSERT INTO daily_metrics VALUES (?, ?, ?, ?, ?, ?, NULL, 'PENDING')",
                    metric.clientId(),
                    metric.date(),
                    values[0],
                    values[1],
                    values[2],
                    values[3]);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // A concurrent write inserted the row first: ours is the later one, so it updates.
            return sql.update(update, values[0], values[1], values[2], values[3], metric.clientId(), metric.date());
        }
    }

    /**
     * Scores readiness from 0 to 100: heart-rate variability above the four-week baseline and a
     * resting heart rate below it raise it, short sleep lowers it. Writes the score and marks the
     * row {@code READY}.
     */
    private static int readiness(SqlSession sql, DailyMetric metric) throws SQLException {
        double[] baseline = sql.one(
                "SELECT COALESCE(AVG(hrv), 0), COALESCE(AVG(resting_hr), 0) FROM daily_metrics"
                        + " WHERE client_id = ? AND metric_date >= ? AND metric_date < ?",
                row -> new double[] {row.getDouble(1), row.getDouble(2)},
                metric.clientId(),
                metric.date().minusDays(28),
                metric.date());
        double hrvRatio = baseline[0] == 0 ? 1 : metric.hrv() / baseline[0];
        double restingDelta = baseline[1] == 0 ? 0 : baseline[1] - metric.restingHr();
        double sleepHours = metric.sleepMinutes() / 60.0;
        long score = Math.round(60 + 40 * (hrvRatio - 1) + 2 * restingDelta - 8 * Math.max(0, 7 - sleepHours));
        int readiness = (int) Math.max(0, Math.min(100, score));
        sql.update(
                "UPDATE daily_metrics SET readiness = ?, status = 'READY' WHERE client_id = ? AND metric_date = ?",
                readiness,
                metric.clientId(),
                metric.date());
        return readiness;
    }

    private void notifyIfLow(String key, DailyMetric metric, Integer readiness) {
        if (readiness < LOW_READINESS) {
            lowReadinessNotices.increment();
            LOG.debug("low readiness {} for {}", readiness, key);
        }
    }
}
