package dev.headroom.examples.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadRecorderTest {

    private final LoadRecorder recorder = new LoadRecorder();
    private final DrillRequest analytics = DrillRequest.get("analytics", "/analytics", "normal");
    private final DrillRequest cached = DrillRequest.get("cached", "/cached", "normal");
    private final DrillRequest abusive = DrillRequest.get("export", "/export", "abusive");

    @Test
    void readsPercentilesInMillisecondsPerStepAndPerRoute() {
        for (int millis = 1; millis <= 100; millis++) {
            recorder.recordResponse(analytics, 200, millis * 1000L, null, false);
        }
        recorder.sample();
        LoadResult result = recorder.result("percentiles", Duration.ofSeconds(4));

        assertThat(result.requests()).isEqualTo(100);
        assertThat(result.rps()).isEqualTo(25.0);
        assertThat(result.p50()).isCloseTo(50, within(0.1));
        assertThat(result.p95()).isCloseTo(95, within(0.1));
        assertThat(result.p975()).isCloseTo(98, within(0.1));
        assertThat(result.p99()).isCloseTo(99, within(0.1));
        assertThat(result.max()).isCloseTo(100, within(0.1));
        RouteStats route = result.route("analytics");
        assertThat(route.requests()).isEqualTo(100);
        assertThat(route.p50()).isEqualTo(result.p50());
        assertThat(route.p975()).isEqualTo(result.p975());
        assertThat(route.p99()).isEqualTo(result.p99());
        assertThat(result.route("nowhere")).isEqualTo(new RouteStats(0, Double.NaN, Double.NaN, Double.NaN));
    }

    @Test
    void classifiesStatusCacheHeaderAndDegradation() {
        recorder.recordResponse(cached, 200, 1000, "HIT:memory", false);
        recorder.recordResponse(cached, 200, 1000, "HIT:redis", false);
        recorder.recordResponse(cached, 200, 1000, "STALE:memory", true);
        recorder.recordResponse(cached, 200, 1000, "MISS:loader", false);
        recorder.recordResponse(cached, 200, 1000, "BYPASS", false);
        recorder.recordResponse(abusive, 429, 1000, null, false);
        recorder.recordResponse(abusive, 302, 1000, null, false);
        recorder.recordResponse(abusive, 503, 1000, null, true);
        recorder.recordTimeout(abusive);
        recorder.recordError(abusive);
        recorder.sample();
        LoadResult result = recorder.result("classes", Duration.ofSeconds(1));

        assertThat(result.requests()).isEqualTo(8);
        assertThat(result.status2xx()).isEqualTo(5);
        assertThat(result.status4xx()).isEqualTo(1);
        assertThat(result.count429()).isEqualTo(1);
        assertThat(result.status5xx()).isEqualTo(1);
        assertThat(result.statusOther()).isEqualTo(1);
        assertThat(result.timeouts()).isEqualTo(1);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.nonSuccess()).isEqualTo(5);
        assertThat(result.cacheHits()).isEqualTo(2);
        assertThat(result.cacheStale()).isEqualTo(1);
        assertThat(result.cacheMisses()).isEqualTo(1);
        assertThat(result.cacheHitRatio()).isEqualTo(3.0 / 5);
        assertThat(result.degradedResponses()).isEqualTo(2);
        assertThat(result.countByClient("normal")).isEqualTo(new ClientCounts(5, 5, 0, 0, 0, 0));
        assertThat(result.countByClient("abusive")).isEqualTo(new ClientCounts(3, 0, 1, 2, 1, 1));
        assertThat(result.countByClient("nobody")).isEqualTo(new ClientCounts(0, 0, 0, 0, 0, 0));
    }

    @Test
    void timelineBucketsHoldWhatEachSampleClosed() {
        recorder.recordResponse(analytics, 200, 2000, null, false);
        recorder.recordResponse(analytics, 500, 4000, null, false);
        recorder.recordTimeout(analytics);
        TimelinePoint first = recorder.sample();
        TimelinePoint empty = recorder.sample();
        recorder.recordResponse(analytics, 200, 8000, null, false);
        TimelinePoint last = recorder.sample();
        LoadResult result = recorder.result("timeline", Duration.ofSeconds(3));

        assertThat(first.secondFromStart()).isZero();
        assertThat(first.requests()).isEqualTo(2);
        assertThat(first.nonSuccess()).isEqualTo(2);
        assertThat(first.p50Ms()).isCloseTo(2, within(0.01));
        assertThat(first.p99Ms()).isCloseTo(4, within(0.01));
        assertThat(empty).isEqualTo(new TimelinePoint(1, 0, Double.NaN, Double.NaN, 0));
        assertThat(last.requests()).isEqualTo(1);
        assertThat(last.p50Ms()).isCloseTo(8, within(0.01));
        assertThat(result.timeline()).containsExactly(first, empty, last);
        assertThat(result.requests()).isEqualTo(3);
    }

    @Test
    void recordsLatenciesBeyondAnHourAsAnHour() {
        recorder.recordResponse(analytics, 200, Long.MAX_VALUE, null, false);
        recorder.sample();

        LoadResult result = recorder.result("clamped", Duration.ofSeconds(1));

        assertThat(result.max()).isCloseTo(3_600_000, within(3_600_000 * 0.001));
    }
}
