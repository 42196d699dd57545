package dev.headroom.examples.drill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the generator against an in-process HTTP server whose routes answer 200, 429, 500 or never. */
class LoadGeneratorTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(200);

    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final AtomicLong slowReceived = new AtomicLong();
    private HttpServer server;
    private LoadGenerator generator;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(serverThreads);
        server.start();
        URI base = URI.create("http://localhost:" + server.getAddress().getPort());
        generator = new LoadGenerator(LoadGenerator.http11Client(Duration.ofSeconds(2)), base, REQUEST_TIMEOUT);
    }

    @AfterEach
    void stopServer() {
        releaseSlow.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            switch (exchange.getRequestURI().getPath()) {
                case "/hit" -> exchange.getResponseHeaders().add(LoadGenerator.CACHE_HEADER, "HIT:memory");
                case "/degraded" -> exchange.getResponseHeaders().add(LoadGenerator.DEGRADED_HEADER, "stale");
                case "/limited" -> status = 429;
                case "/fail" -> status = 500;
                case "/slow" -> awaitRelease();
                default -> status = 404;
            }
            byte[] body = "{}".getBytes(UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void awaitRelease() {
        slowReceived.incrementAndGet();
        try {
            releaseSlow.await(10, TimeUnit.SECONDS); // far past the request timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void countsEveryOutcomeConsistently() throws InterruptedException {
        RequestPlan plan = RequestPlan.cycling(List.of(
                DrillRequest.get("hit", "/hit", "normal"),
                DrillRequest.post("hit", "/hit", "{\"n\":1}", "normal"),
                DrillRequest.get("limited", "/limited", "abusive"),
                DrillRequest.get("fail", "/fail", "normal"),
                DrillRequest.get("degraded", "/degraded", "normal").withHeader("x-test", "1"),
                DrillRequest.get("slow", "/slow", "normal")));
        AtomicLong calls = new AtomicLong();
        AtomicLong lastElapsed = new AtomicLong();
        AtomicLong lastRequests = new AtomicLong();
        ProgressListener progress = (step, elapsed, total, requests, rps, nonSuccess) -> {
            calls.incrementAndGet();
            lastElapsed.set(elapsed);
            lastRequests.set(requests);
            assertThat(total).isEqualTo(1000);
        };

        LoadResult result = generator.run("mixed", 4, Duration.ofSeconds(1), plan, progress);

        assertThat(result.stepName()).isEqualTo("mixed");
        assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.requests()).isPositive();
        assertThat(result.requests())
                .isEqualTo(result.status2xx() + result.status4xx() + result.status5xx())
                .isEqualTo(result.routes().stream()
                        .mapToLong(route -> result.route(route).requests())
                        .sum());
        assertThat(result.statusOther()).isZero();
        assertThat(result.errors()).isZero();

        ClientCounts normal = result.countByClient("normal");
        ClientCounts abusive = result.countByClient("abusive");
        assertThat(result.clients()).containsExactly("abusive", "normal");
        assertThat(normal.requests() + abusive.requests()).isEqualTo(result.requests());
        assertThat(normal.status2xx() + abusive.status2xx()).isEqualTo(result.status2xx());
        assertThat(normal.timeouts() + abusive.timeouts()).isEqualTo(result.timeouts());
        assertThat(normal.requests()).isEqualTo(normal.status2xx() + normal.status429() + normal.otherNon2xx());
        assertThat(abusive.requests()).isEqualTo(abusive.status429()).isPositive();

        assertThat(result.count429())
                .isEqualTo(result.status4xx())
                .isEqualTo(result.route("limited").requests())
                .isPositive();
        assertThat(result.status5xx())
                .isEqualTo(result.route("fail").requests())
                .isPositive();
        assertThat(normal.otherNon2xx()).isEqualTo(result.status5xx());

        // Every /slow request that reached the server timed out; a cold start may time out others.
        assertThat(slowReceived.get()).isPositive();
        assertThat(result.timeouts()).isGreaterThanOrEqualTo(slowReceived.get());
        assertThat(result.route("slow").requests()).isZero();
        assertThat(result.route("slow").p50()).isNaN();

        assertThat(result.cacheHits()).isEqualTo(result.route("hit").requests()).isPositive();
        assertThat(result.cacheStale() + result.cacheMisses()).isZero();
        assertThat(result.cacheHitRatio()).isEqualTo(1.0);
        assertThat(result.degradedResponses())
                .isEqualTo(result.route("degraded").requests())
                .isPositive();

        assertThat(result.p50()).isPositive();
        assertThat(result.p50()).isLessThanOrEqualTo(result.p95());
        assertThat(result.p95()).isLessThanOrEqualTo(result.p975());
        assertThat(result.p975()).isLessThanOrEqualTo(result.p99());
        assertThat(result.p99()).isLessThanOrEqualTo(result.max());

        List<TimelinePoint> timeline = result.timeline();
        assertThat(timeline).isNotEmpty();
        assertThat(timeline.stream().mapToLong(TimelinePoint::requests).sum()).isEqualTo(result.requests());
        assertThat(timeline.stream().mapToLong(TimelinePoint::nonSuccess).sum())
                .isEqualTo(result.nonSuccess())
                .isEqualTo(result.status4xx() + result.status5xx() + result.timeouts());
        for (int i = 0; i < timeline.size(); i++) {
            assertThat(timeline.get(i).secondFromStart()).isEqualTo(i);
        }

        assertThat(calls.get()).isEqualTo(timeline.size());
        assertThat(lastElapsed.get()).isGreaterThanOrEqualTo(1000);
        assertThat(lastRequests.get()).isEqualTo(result.requests());
    }

    @Test
    void countsRefusedConnectionsAsErrors() throws IOException, InterruptedException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LoadGenerator refused = new LoadGenerator(
                LoadGenerator.http11Client(Duration.ofSeconds(1)),
                URI.create("http://localhost:" + closedPort),
                REQUEST_TIMEOUT);

        LoadResult result = refused.run(
                "refused",
                1,
                Duration.ofMillis(300),
                (connection, sequence) -> DrillRequest.get("any", "/", "normal"),
                ProgressListener.none());

        assertThat(result.requests()).isZero();
        assertThat(result.errors())
                .isPositive()
                .isEqualTo(result.countByClient("normal").errors());
        assertThat(result.nonSuccess()).isEqualTo(result.errors());
        assertThat(result.p50()).isNaN();
        assertThat(result.cacheHitRatio()).isNaN();
    }

    @Test
    void aFailingPlanFailsTheStep() {
        RequestPlan plan = (connection, sequence) -> {
            if (sequence == 3) {
                throw new IllegalStateException("plan broke");
            }
            return DrillRequest.get("hit", "/hit", "normal");
        };

        assertThatThrownBy(() -> generator.run("broken", 2, Duration.ofSeconds(30), plan, ProgressListener.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken")
                .rootCause()
                .hasMessage("plan broke");
        assertThat(liveThreads("drill-broken-")).isZero();
    }

    @Test
    void interruptingTheCallerStopsEveryConnection() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                generator.run(
                        "interrupted",
                        3,
                        Duration.ofMinutes(5),
                        (connection, sequence) -> DrillRequest.get("slow", "/slow", "normal"),
                        (step, elapsed, total, requests, rps, nonSuccess) -> running.countDown());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(liveThreads("drill-interrupted-")).isZero();
    }

    @Test
    void rejectsNonPositiveArguments() {
        RequestPlan plan = (connection, sequence) -> DrillRequest.get("hit", "/hit", "normal");
        assertThatThrownBy(() -> generator.run("zero", 0, Duration.ofSeconds(1), plan, ProgressListener.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connections must be positive: 0");
        assertThatThrownBy(() -> generator.run("zero", 1, Duration.ZERO, plan, ProgressListener.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must be positive: PT0S");
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .count();
    }
}
