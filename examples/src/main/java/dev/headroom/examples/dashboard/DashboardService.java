package dev.headroom.examples.dashboard;

import com.sun.net.httpserver.HttpServer;
import dev.headroom.breaker.Bulkhead;
import dev.headroom.breaker.BulkheadConfig;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.DependencyRegistry;
import dev.headroom.breaker.Priority;
import dev.headroom.breaker.metrics.BulkheadMetrics;
import dev.headroom.breaker.metrics.CircuitBreakerMetrics;
import dev.headroom.breaker.metrics.DependencyRegistryMetrics;
import dev.headroom.breaker.metrics.TimeLimiterMetrics;
import dev.headroom.cache.TrafficCache;
import dev.headroom.cache.TrafficCacheConfig;
import dev.headroom.cache.metrics.TrafficCacheMetrics;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.codec.JsonCodec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.jobs.CoalescingConfig;
import dev.headroom.jobs.CoalescingStats;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.ShutdownPolicy;
import dev.headroom.jobs.metrics.CoalescingQueueMetrics;
import dev.headroom.jobs.metrics.JobQueueMetrics;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import dev.headroom.ratelimit.RateLimiter;
import dev.headroom.ratelimit.RateLimiterConfig;
import dev.headroom.ratelimit.RateLimiterFactory;
import dev.headroom.ratelimit.TierKey;
import dev.headroom.ratelimit.TieredRateLimiter;
import dev.headroom.ratelimit.metrics.AbuseGuardMetrics;
import dev.headroom.ratelimit.metrics.RateLimiterMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard service, wired by hand: every Headroom module in the place a service needs it.
 * {@link #start(DashboardSettings)} opens the database (creating the demo data), connects Redis if
 * {@code REDIS_URL} is set, and serves HTTP; {@link #close()} drains and stops everything in the
 * reverse order.
 *
 * <p>The drill's controls ({@link #setCacheEnabled}, {@link #databaseFaults()}, {@link
 * #invalidateCaches()}) exist for the traffic drill and the tests; a real service would not expose
 * them.
 */
public final class DashboardService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardService.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final List<AutoCloseable> resources;
    private final HttpServer server;
    private final Database database;
    private final CachedPages pages;
    private final RequestGate gate;
    private final DailyMetricsEndpoint dailyMetrics;
    private final @Nullable HeadroomRedis redis;
    private final DashboardSettings settings;
    private final DependencyRegistry dependencies;

    private DashboardService(Wiring wiring) {
        this.resources = wiring.resources;
        this.server = wiring.server;
        this.database = wiring.database;
        this.pages = wiring.pages;
        this.gate = wiring.gate;
        this.dailyMetrics = wiring.dailyMetrics;
        this.redis = wiring.redis;
        this.settings = wiring.settings;
        this.dependencies = wiring.dependencies;
    }

    /**
     * Starts the service.
     *
     * @param settings what to start with
     * @return the running service
     * @throws IOException if the HTTP port cannot be bound
     * @throws SQLException if the database cannot be opened or filled
     */
    public static DashboardService start(DashboardSettings settings) throws IOException, SQLException {
        List<AutoCloseable> resources = new ArrayList<>();
        Wiring wiring;
        try {
            wiring = new Wiring(settings, resources);
        } catch (IOException | SQLException | RuntimeException e) {
            closeInReverse(resources);
            throw e;
        }
        DashboardService service = new DashboardService(wiring);
        LOG.info(
                "dashboard service listening on {} ({} organizations, Redis {})",
                service.uri(),
                wiring.organizations.size(),
                settings.redisUrl().isPresent() ? "on" : "off");
        return service;
    }

    /**
     * Returns the service's base URI on the loopback address.
     *
     * @return for example {@code http://127.0.0.1:8080}
     */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Returns the settings the service runs with.
     *
     * @return the settings
     */
    public DashboardSettings settings() {
        return settings;
    }

    /**
     * Routes dashboard reads through the cache or around it, from the next request on.
     *
     * @param enabled true to use the cache
     */
    public void setCacheEnabled(boolean enabled) {
        pages.enabled(enabled);
    }

    /**
     * Returns the faults injected in front of every database call.
     *
     * @return the live fault settings
     */
    public DatabaseFaults databaseFaults() {
        return database.faults();
    }

    /** Drops every cached page, locally and in Redis, as a cold start would. */
    public void invalidateCaches() {
        pages.cache().invalidateAll();
    }

    /**
     * Returns whether a Redis connection is in use.
     *
     * @return true if {@code REDIS_URL} was set
     */
    public boolean usesRedis() {
        return redis != null;
    }

    /**
     * Returns each dependency's health as its breaker sees it.
     *
     * @return dependency names to {@code HEALTHY}, {@code RECOVERING} or {@code UNHEALTHY}
     */
    public Map<String, String> dependencyHealth() {
        Map<String, String> health = new LinkedHashMap<>();
        dependencies.health().forEach((name, value) -> health.put(name, value.name()));
        return health;
    }

    /**
     * Returns running totals of what the service did.
     *
     * @return a snapshot
     */
    public ServiceCounters counters() {
        CoalescingStats recompute = dailyMetrics.queue().stats();
        return new ServiceCounters(
                database.queries(),
                pages.degradedPages(),
                gate.rateLimited(),
                gate.banned(),
                gate.abuse().stats().automaticBans(),
                gate.shed(),
                recompute.enqueued(),
                recompute.coalesced(),
                recompute.completed(),
                recompute.skipped(),
                recompute.pending() + recompute.running());
    }

    /**
     * Stops taking requests, finishes pending recomputations, stops the export workers and closes
     * the connections, in that order.
     */
    @Override
    public void close() {
        closeInReverse(resources);
    }

    private static void closeInReverse(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", resources.get(i), e);
            }
        }
        resources.clear();
    }

    /** Builds the parts in dependency order and remembers what to close. */
    private static final class Wiring {
        final DashboardSettings settings;
        final List<AutoCloseable> resources;
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final DependencyRegistry dependencies = DependencyRegistry.of("dashboard");
        final Clock clock = Clock.systemUTC();
        final @Nullable HeadroomRedis redis;
        final @Nullable CircuitBreaker redisBreaker;
        final Database database;
        final Organizations organizations;
        final CachedPages pages;
        final RequestGate gate;
        final DailyMetricsEndpoint dailyMetrics;
        final HttpServer server;

        /** Wires everything; whatever was opened is in {@code resources} even if this throws. */
        Wiring(DashboardSettings settings, List<AutoCloseable> resources) throws IOException, SQLException {
            this.settings = settings;
            this.resources = resources;
            if (settings.redisUrl().isPresent()) {
                HeadroomRedis connection =
                        HeadroomRedis.connect(settings.redisUrl().get());
                resources.add(connection);
                CircuitBreaker breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.DEFAULT_REDIS_BREAKER);
                dependencies.register(breaker);
                CircuitBreakerMetrics.of(breaker).bindTo(registry);
                redis = connection;
                redisBreaker = breaker;
            } else {
                redis = null;
                redisBreaker = null;
            }
            database = Database.open(settings, dependencies, registry);
            resources.add(database);
            organizations = database.read(Organizations::load);
            pages = new CachedPages(cache(), settings.cacheEnabled());
            gate = new RequestGate(abuseGuard(), rateLimiter(), bulkhead());
            dailyMetrics = new DailyMetricsEndpoint(
                    database,
                    clock,
                    DailyMetricsEndpoint.recomputation(database)
                            .config(CoalescingConfig.builder()
                                    .debounce(settings.recomputeDebounce())
                                    .skipTtl(Duration.ofMinutes(5))
                                    .build()));
            CoalescingQueueMetrics.of(dailyMetrics.queue()).bindTo(registry);
            resources.add(() -> dailyMetrics.queue().shutdown(ShutdownPolicy.RUN_PENDING, Duration.ofSeconds(10)));
            ExportEndpoint exports = new ExportEndpoint(exportQueue(), database, exportDirectory(), clock);
            resources.add(exports);
            bindSharedMetrics();
            ExecutorService httpThreads = Executors.newFixedThreadPool(settings.httpThreads());
            resources.add(() -> stop(httpThreads));
            // The JDK server leaves Nagle's algorithm on unless told otherwise, and small responses then
            // wait out the client's delayed ACK (about 40 ms). It reads this once, at first use.
            if (System.getProperty(NO_DELAY) == null) {
                System.setProperty(NO_DELAY, "true");
            }
            server = HttpServer.create(new InetSocketAddress(settings.port()), 1024);
            server.setExecutor(httpThreads);
            server.createContext(
                    "/",
                    new DashboardRouter(
                            gate,
                            organizations,
                            settings.trustForwardedFor(),
                            new DashboardEndpoints(database, pages, settings, clock),
                            dailyMetrics,
                            exports,
                            new OperationsEndpoints(registry, dependencies, components())));
            server.start();
            resources.add(() -> server.stop(0));
        }

        private static void stop(ExecutorService threads) throws InterruptedException {
            threads.shutdown();
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        }

        private TrafficCache<String> cache() {
            TrafficCache.Builder<String> builder = TrafficCache.builder("dashboard", Codec.string())
                    .config(TrafficCacheConfig.builder()
                            .staleWhileRevalidate(Duration.ofSeconds(30))
                            .staleIfError(Duration.ofMinutes(10))
                            .build());
            if (redis != null && redisBreaker != null) {
                builder.redis(redis).redisBreaker(redisBreaker);
            }
            TrafficCache<String> cache = builder.build();
            resources.add(cache);
            TrafficCacheMetrics.of(cache).bindTo(registry);
            return cache;
        }

        /** Plans by organization and user: public (anonymous), authenticated, premium (4x). */
        private TieredRateLimiter<RequestContext> rateLimiter() {
            HeadroomRedis shared = redis;
            CircuitBreaker breaker = redisBreaker;
            RateLimiterFactory factory = shared == null || breaker == null
                    ? policy -> RateLimiter.local(policy, RateLimiterConfig.ofDefaults())
                    : policy -> RateLimiter.redis(
                            policy,
                            RateLimiterConfig.builder().redisBreaker(breaker).build(),
                            shared);
            TieredRateLimiter<RequestContext> limiter = TieredRateLimiter.builder(
                            factory,
                            (RequestContext request) -> new TierKey(
                                    request.plan(), List.of(request.organizationKey(), request.callerKey())))
                    .plan(plan(RequestContext.PUBLIC_PLAN, 1))
                    .plan(plan("authenticated", 2))
                    .plan(plan("premium", 4))
                    .defaultPlan(RequestContext.PUBLIC_PLAN)
                    .build();
            List<RateLimiter> limiters = new ArrayList<>();
            limiter.plans().forEach(name -> limiters.add(limiter.limiter(name)));
            RateLimiterMetrics.of(limiters.toArray(RateLimiter[]::new)).bindTo(registry);
            return limiter;
        }

        private RateLimitPolicy plan(String name, int multiplier) {
            long user = (long) settings.userRatePerSecond() * multiplier;
            long org = (long) settings.organizationRatePerSecond() * multiplier;
            return RateLimitPolicy.builder(name)
                    .scope("org", Limit.tokenBucket("org", 2 * org, org, Duration.ofSeconds(1)))
                    .scope("user", Limit.tokenBucket("user", 2 * user, user, Duration.ofSeconds(1)))
                    .build();
        }

        private AbuseGuard abuseGuard() {
            AbuseGuardConfig.Builder config = AbuseGuardConfig.builder()
                    .limit(settings.abuseLimit())
                    .window(settings.abuseWindow())
                    .firstBan(settings.firstBan());
            AbuseGuard guard = redis == null || redisBreaker == null
                    ? AbuseGuard.local("clients", config.build())
                    : AbuseGuard.redis(
                            "clients", config.redisBreaker(redisBreaker).build(), redis);
            AbuseGuardMetrics.of(guard).bindTo(registry);
            return guard;
        }

        /** Sheds exports first and keeps a tenth of the capacity for health checks and writes. */
        private Bulkhead bulkhead() {
            Bulkhead bulkhead = Bulkhead.of(
                    "requests",
                    BulkheadConfig.builder()
                            .maxConcurrentCalls(settings.maxConcurrentRequests())
                            .maxQueueSize(4 * settings.maxConcurrentRequests())
                            .maxWait(Duration.ofMillis(500))
                            .guaranteedShare(Priority.CRITICAL, 0.05)
                            .guaranteedShare(Priority.HIGH, 0.1)
                            .build());
            BulkheadMetrics.of(bulkhead).bindTo(registry);
            return bulkhead;
        }

        private JobQueue<ExportRequest, String> exportQueue() {
            JobQueue.Builder<ExportRequest, String> builder =
                    JobQueue.builder(ExportEndpoint.QUEUE, JsonCodec.of(ExportRequest.class), Codec.string());
            if (redis != null && redisBreaker != null) {
                builder.redis(redis).breaker(redisBreaker);
            }
            JobQueue<ExportRequest, String> jobs = builder.build();
            resources.add(jobs);
            JobQueueMetrics.of(jobs).bindTo(registry);
            return jobs;
        }

        private static Path exportDirectory() throws IOException {
            return Files.createTempDirectory("headroom-exports");
        }

        private void bindSharedMetrics() {
            CircuitBreakerMetrics.of(database.dependency().breaker()).bindTo(registry);
            TimeLimiterMetrics.of(database.timeLimiter()).bindTo(registry);
            DependencyRegistryMetrics.of(dependencies).bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
        }

        private Map<String, String> components() {
            Map<String, String> components = new LinkedHashMap<>();
            components.put("database", settings.databaseUrl().isPresent() ? "postgresql" : "h2 (embedded)");
            components.put("cache", redis == null ? "memory" : "memory + redis");
            components.put("rateLimits", redis == null ? "memory" : "redis");
            components.put("exportQueue", redis == null ? "memory" : "redis");
            return components;
        }
    }
}
