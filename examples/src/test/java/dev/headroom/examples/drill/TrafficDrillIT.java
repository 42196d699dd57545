package dev.headroom.examples.drill;

import static dev.headroom.examples.drill.DrillAssertions.assertPassed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.examples.dashboard.DashboardService;
import dev.headroom.examples.dashboard.DashboardSettings;
import dev.headroom.examples.drill.DrillReport.StepRow;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The short drill with Redis: the same claims, plus a Redis outage that callers never see. */
@ExtendWith(RedisExtension.class)
class TrafficDrillIT {

    @Test
    void withRedisTheDrillAlsoSurvivesRedisGoingUnresponsive(TestRedis redis) throws Exception {
        Map<String, String> settings = new HashMap<>(TrafficDrillTest.serviceSettings());
        settings.put("REDIS_URL", redis.uri());
        try (DashboardService service = DashboardService.start(DashboardSettings.fromEnvironment(settings))) {
            service.invalidateCaches();
            List<StepRow> rows = new TrafficDrill(service, TrafficDrillTest.SHORT, ProgressListener.none()).run();

            assertThat(rows).extracting(StepRow::step).endsWith("6 redis paused");
            TrafficDrillTest.assertClaims(rows);
            assertPassed(rows, "6 redis paused", "no 5xx");
            assertPassed(rows, "6 redis paused", "non-2xx<2%");
        }
    }
}
