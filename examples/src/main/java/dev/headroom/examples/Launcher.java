package dev.headroom.examples;

import dev.headroom.examples.dashboard.DashboardService;
import dev.headroom.examples.dashboard.DashboardSettings;
import dev.headroom.examples.drill.TrafficDrill;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the examples: {@code drill} (the default) starts the dashboard service in-process and runs
 * the traffic drill against it; {@code serve} runs the service alone until interrupted.
 */
public final class Launcher {

    private Launcher() {}

    /**
     * Runs the drill or the service.
     *
     * @param args {@code drill} or {@code serve}; the {@code run} system property is read if absent
     * @throws Exception if the service cannot start
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : System.getProperty("run", "drill");
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "drill", "true", "" -> TrafficDrill.main(new String[0]);
            case "serve" -> serve();
            default -> throw new IllegalArgumentException("run must be drill or serve, not '" + mode + "'");
        }
    }

    private static void serve() throws Exception {
        DashboardService service = DashboardService.start(DashboardSettings.fromEnvironment());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "dashboard-shutdown"));
        System.out.println("Dashboard service on " + service.uri() + " (Ctrl-C stops it). Try:");
        System.out.println(
                "  curl -i -H 'X-Org-Id: 1' -H 'X-User-Id: ada' " + service.uri() + "/api/dashboard/analytics");
        stopped.await();
    }
}
