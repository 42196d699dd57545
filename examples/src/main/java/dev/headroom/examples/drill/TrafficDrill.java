package dev.headroom.examples.drill;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.examples.dashboard.DashboardService;
import dev.headroom.examples.dashboard.DashboardSettings;
import dev.headroom.examples.dashboard.ServiceCounters;
import dev.headroom.examples.drill.DrillReport.StepRow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The traffic drill: starts the dashboard service in this process and runs the rollout checklist
 * against it, one table row per step, each graded against the playbook's targets.
 *
 * <ol>
 *   <li>baseline: dashboard reads with the cache off;
 *   <li>the same reads with the cache on (it starts cold);
 *   <li>the database 200 ms slower on every call (the cache warm), then failing (the cache cold);
 *   <li>an abusive client among normal ones;
 *   <li>a burst of daily-metrics writes;
 *   <li>with {@code REDIS_URL}: Redis unresponsive ({@code CLIENT PAUSE}) for a third of the step.
 * </ol>
 *
 * <p>Run it with {@code ./mvnw -B -ntp -q -pl examples -am package -DskipTests -Drun=drill}; see
 * the README for the profiles and settings.
 */
public final class TrafficDrill {

    /** The drill's own settings, beside the service's {@link DashboardSettings#SETTINGS}. */
    static final List<DashboardSettings.Setting> SETTINGS = List.of(
            new DashboardSettings.Setting("DRILL_PROFILE", "smoke", "smoke, baseline, stress, spike or soak"),
            new DashboardSettings.Setting(
                    "DRILL_CONNECTIONS", "(the profile's)", "concurrent connections of the drill"),
            new DashboardSettings.Setting("DRILL_STEP_SECONDS", "(the profile's)", "seconds each drill step runs"),
            new DashboardSettings.Setting(
                    "DRILL_REPORT", "target/headroom-drill-report.html", "where the drill writes its HTML report"));

    static final Duration CACHED_P975_TARGET = Duration.ofMillis(400);
    static final double NON_2XX_TARGET = 0.02;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final DashboardService service;
    private final DrillProfile profile;
    private final ProgressListener progress;
    private final LoadGenerator load;
    private final DrillPlans plans;
    private final List<StepRow> rows = new ArrayList<>();

    TrafficDrill(DashboardService service, DrillProfile profile, ProgressListener progress) {
        this.service = service;
        this.profile = profile;
        this.progress = progress;
        this.load = new LoadGenerator(LoadGenerator.http11Client(REQUEST_TIMEOUT), service.uri(), REQUEST_TIMEOUT);
        this.plans = new DrillPlans(service.settings().organizations());
    }

    /**
     * Runs the drill with the settings of the environment and of {@code -D} system properties
     * (which win), and writes the HTML report.
     *
     * @param args ignored; settings come from the environment
     * @throws Exception if the service cannot start or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings();
        DrillProfile profile = DrillProfile.from(settings);
        Map<String, String> serviceSettings = new HashMap<>(settings);
        serviceSettings.put("PORT", "0");
        serviceSettings.put("TRUST_FORWARDED_FOR", "true");
        // Normal drill users send a few requests per 10 s from each address; 100 is far above that.
        serviceSettings.putIfAbsent("ABUSE_LIMIT", "100");
        PrintStream out = System.out;
        out.printf(
                "Headroom traffic drill, profile %s: %d connections, %d s per step%n",
                profile.name(), profile.connections(), profile.stepDuration().toSeconds());
        try (DashboardService service = DashboardService.start(DashboardSettings.fromEnvironment(serviceSettings))) {
            out.println("service on " + service.uri() + ", database "
                    + service.settings().describe().get("DATABASE_URL") + ", Redis "
                    + service.settings().describe().get("REDIS_URL"));
            List<StepRow> rows = new TrafficDrill(service, profile, ProgressListener.console(out)).run();
            out.println();
            out.println(DrillReport.renderTable(rows));
            long failed = rows.stream()
                    .flatMap(row -> row.grades().stream())
                    .filter(g -> !g.passed())
                    .count();
            long grades = rows.stream().mapToLong(row -> row.grades().size()).sum();
            out.printf("%d of %d checks passed%n", grades - failed, grades);
            Map<String, String> described =
                    new LinkedHashMap<>(service.settings().describe());
            described.put("DRILL_PROFILE", profile.name());
            described.put("DRILL_CONNECTIONS", Integer.toString(profile.connections()));
            described.put(
                    "DRILL_STEP_SECONDS", Long.toString(profile.stepDuration().toSeconds()));
            Path report = Path.of(settings.getOrDefault("DRILL_REPORT", "target/headroom-drill-report.html"));
            DrillReport.writeHtml(report, "Headroom traffic drill (" + profile.name() + ")", described, rows);
            out.println("HTML report: " + report.toAbsolutePath());
        }
    }

    /** Runs every step and returns the rows. */
    List<StepRow> run() throws InterruptedException {
        warmUp();
        Measured baseline = step(
                "1 cache off",
                "dashboard reads, cache bypassed: the baseline",
                () -> service.setCacheEnabled(false),
                plans.dashboards(),
                (result, counters) -> List.of(answered(result, DrillPlans.NORMAL), noTimeouts(result)));
        step(
                "2 cache on",
                "the same reads through the cache, starting cold",
                () -> {
                    service.setCacheEnabled(true);
                    service.invalidateCaches();
                },
                plans.dashboards(),
                (result, counters) -> List.of(
                        fastEnough(result),
                        answered(result, DrillPlans.NORMAL),
                        noTimeouts(result),
                        fewerQueries(baseline, new Measured(result, counters))));
        step(
                "3a db slow",
                "every database call 200 ms slower; the cache keeps answering",
                () -> service.databaseFaults().slowDown(Duration.ofMillis(200)),
                plans.dashboards(),
                (result, counters) ->
                        List.of(fastEnough(result), answered(result, DrillPlans.NORMAL), noTimeouts(result)));
        step(
                "3b db failing",
                "every database call fails, cache cold: degraded answers",
                () -> {
                    service.databaseFaults().clear();
                    service.databaseFaults().failing(true);
                    service.invalidateCaches();
                },
                plans.dashboards(),
                (result, counters) ->
                        List.of(degradedNot5xx(result), answered(result, DrillPlans.NORMAL), noTimeouts(result)));
        service.databaseFaults().clear();
        awaitDatabaseRecovery();
        step(
                "4 abuser",
                "one client hammering from 2 connections among normal clients",
                () -> {},
                plans.withAbuser(plans.dashboards(), 2),
                (result, counters) -> List.of(
                        abuserStopped(result, counters),
                        answered(result, DrillPlans.NORMAL),
                        fastEnough(result),
                        noTimeouts(result)));
        step(
                "5 write burst",
                "daily-metrics writes, many per clientId:date",
                () -> {},
                plans.dailyMetricsBurst(LocalDate.now(ZoneOffset.UTC)),
                (result, counters) ->
                        List.of(coalesced(result, counters), answered(result, DrillPlans.NORMAL), noTimeouts(result)));
        if (service.usesRedis()) {
            redisOutage();
        }
        return List.copyOf(rows);
    }

    private void warmUp() throws InterruptedException {
        service.setCacheEnabled(false);
        load.run(
                "warm-up",
                profile.connections(),
                min(profile.stepDuration(), Duration.ofSeconds(3)),
                plans.dashboards(),
                progress);
    }

    /**
     * Pauses every Redis client (this service's included) a third of the way into the step, for a
     * third of it: to the service, Redis stops answering, the way a stalled or failing-over server
     * does. The grade checks the pause really happened.
     */
    private void redisOutage() throws InterruptedException {
        String url = service.settings().redisUrl().orElseThrow();
        Duration pause = profile.stepDuration().dividedBy(3);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (HeadroomRedis admin = HeadroomRedis.connect(url)) {
            ScheduledFuture<String> paused = timer.schedule(
                    () -> RedisPlumbing.of(admin).sync().clientPause(pause.toMillis()),
                    pause.toMillis(),
                    TimeUnit.MILLISECONDS);
            step(
                    "6 redis paused",
                    "Redis unresponsive (CLIENT PAUSE) for " + pause.toMillis() + " ms mid-step",
                    () -> {},
                    plans.dashboards(),
                    (result, counters) -> List.of(
                            pauseHappened(paused),
                            answered(result, DrillPlans.NORMAL),
                            no5xx(result),
                            noTimeouts(result)));
        } finally {
            timer.shutdownNow();
        }
    }

    private static DrillReport.Grade pauseHappened(ScheduledFuture<String> paused) {
        try {
            return new DrillReport.Grade(
                    "redis paused", true, "CLIENT PAUSE answered " + paused.get(1, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return new DrillReport.Grade("redis paused", false, "CLIENT PAUSE failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DrillReport.Grade("redis paused", false, "interrupted");
        }
    }

    /** One step's load and what the service did meanwhile. */
    record Measured(LoadResult load, ServiceCounters counters) {}

    /** Runs one step; the recomputations its writes caused finish before its counters are read. */
    private Measured step(String name, String description, Runnable setUp, RequestPlan plan, Grading grading)
            throws InterruptedException {
        setUp.run();
        ServiceCounters before = service.counters();
        LoadResult result = load.run(name, profile.connections(), profile.stepDuration(), plan, progress);
        awaitRecomputations();
        ServiceCounters counters = service.counters().minus(before);
        rows.add(new StepRow(name, description, result, columns(counters), grading.grade(result, counters)));
        return new Measured(result, counters);
    }

    private void awaitRecomputations() throws InterruptedException {
        long deadline = System.nanoTime()
                + service.settings().recomputeDebounce().plusSeconds(30).toNanos();
        while (service.counters().recomputeBacklog() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** The breaker closes again only after probes succeed: send a trickle until it has. */
    private void awaitDatabaseRecovery() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if ("HEALTHY".equals(service.dependencyHealth().get("database"))) {
                return;
            }
            load.run("recovery", 1, Duration.ofMillis(500), plans.dashboards(), ProgressListener.none());
        }
    }

    static Map<String, Long> columns(ServiceCounters counters) {
        Map<String, Long> columns = new LinkedHashMap<>();
        columns.put("db queries", counters.databaseQueries());
        columns.put("degraded", counters.degradedAnswers());
        columns.put("rate limited", counters.rateLimited());
        columns.put("bans", counters.bans());
        columns.put("shed", counters.shed());
        columns.put("writes coalesced", counters.recomputeCoalesced());
        columns.put("recomputes run", counters.recomputeRuns());
        return columns;
    }

    /** Grades one step. */
    @FunctionalInterface
    interface Grading {
        List<DrillReport.Grade> grade(LoadResult result, ServiceCounters counters);
    }

    static DrillReport.Grade fastEnough(LoadResult result) {
        double p975 = result.p975();
        return new DrillReport.Grade(
                "p97.5<400ms", p975 < CACHED_P975_TARGET.toMillis(), String.format("p97.5 was %.1f ms", p975));
    }

    static DrillReport.Grade noTimeouts(LoadResult result) {
        return new DrillReport.Grade(
                "no timeouts", result.timeouts() == 0, result.timeouts() + " requests timed out after 5 s");
    }

    /** Errors and timeouts count against the share as much as a non-2xx status does. */
    static DrillReport.Grade answered(LoadResult result, String client) {
        ClientCounts counts = result.countByClient(client);
        long attempts = counts.requests() + counts.errors() + counts.timeouts();
        long bad = attempts - counts.status2xx();
        double share = attempts == 0 ? 1 : (double) bad / attempts;
        return new DrillReport.Grade(
                "non-2xx<2%",
                attempts > 0 && share < NON_2XX_TARGET,
                String.format("%d of %d %s requests were not 2xx (%.2f%%)", bad, attempts, client, 100 * share));
    }

    static DrillReport.Grade no5xx(LoadResult result) {
        return new DrillReport.Grade("no 5xx", result.status5xx() == 0, result.status5xx() + " responses were 5xx");
    }

    static DrillReport.Grade degradedNot5xx(LoadResult result) {
        return new DrillReport.Grade(
                "degraded, not 5xx",
                result.status5xx() == 0 && result.degradedResponses() > 0,
                result.degradedResponses() + " degraded answers, " + result.status5xx() + " 5xx");
    }

    /**
     * Compares queries per full answer: a degraded answer (the breaker refusing a slow database)
     * runs no query, and would flatter the baseline.
     */
    static DrillReport.Grade fewerQueries(Measured baseline, Measured cached) {
        double before = perFullAnswer(baseline);
        double after = perFullAnswer(cached);
        double cut = before == 0 ? 0 : 1 - after / before;
        return new DrillReport.Grade(
                "queries cut>=90%",
                cut >= 0.9,
                String.format(
                        "%.3f queries per request with the cache against %.3f without: %.1f%% fewer",
                        after, before, 100 * cut));
    }

    private static double perFullAnswer(Measured step) {
        long full = step.load().requests() - step.counters().degradedAnswers();
        return (double) step.counters().databaseQueries() / Math.max(1, full);
    }

    static DrillReport.Grade abuserStopped(LoadResult result, ServiceCounters counters) {
        ClientCounts abusive = result.countByClient(DrillPlans.ABUSIVE);
        return new DrillReport.Grade(
                "abuser 429+ban",
                abusive.status429() > 0 && counters.bans() > 0,
                abusive.status429() + " of the abuser's " + abusive.requests() + " requests got 429; " + counters.bans()
                        + " bans");
    }

    static DrillReport.Grade coalesced(LoadResult result, ServiceCounters counters) {
        long writes = result.status2xx();
        long runs = counters.recomputeRuns();
        return new DrillReport.Grade(
                "recomputes<=writes/10",
                writes > 0 && runs * 10 <= writes,
                writes + " writes accepted, " + runs + " recomputations run");
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(System.getenv());
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.equals(name.toUpperCase(Locale.ROOT))) {
                settings.put(name, value.toString());
            }
        });
        return settings;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
