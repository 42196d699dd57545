package dev.headroom.examples.dashboard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.breaker.Dependency;
import dev.headroom.breaker.DependencyRegistry;
import dev.headroom.breaker.SlidingWindow;
import dev.headroom.breaker.TimeLimiter;
import dev.headroom.breaker.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The service's database: a HikariCP pool over the embedded H2 database or PostgreSQL, every call
 * guarded by the {@code database} breaker and a time limit, with injectable faults and a count of
 * the queries run.
 */
final class Database implements AutoCloseable {

    /** Work on one connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(SqlSession session) throws SQLException;
    }

    private final HikariDataSource pool;
    private final Dependency dependency;
    private final TimeLimiter timeLimiter;
    private final DatabaseFaults faults = new DatabaseFaults();
    private final LongAdder queries = new LongAdder();

    private Database(HikariDataSource pool, Dependency dependency, TimeLimiter timeLimiter) {
        this.pool = pool;
        this.dependency = dependency;
        this.timeLimiter = timeLimiter;
    }

    /** Opens the pool, creates the schema and, if the database is empty, the demo data. */
    static Database open(DashboardSettings settings, DependencyRegistry dependencies, MeterRegistry metrics)
            throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dashboard-db");
        config.setMaximumPoolSize(settings.databasePoolSize());
        config.setConnectionTimeout(Math.max(250, settings.databaseTimeout().toMillis()));
        config.setMetricRegistry(metrics);
        if (settings.databaseUrl().isPresent()) {
            configurePostgres(config, settings.databaseUrl().get());
        } else {
            config.setJdbcUrl("jdbc:h2:mem:dashboard-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            config.setUsername("sa");
            config.setPassword("");
        }
        HikariDataSource pool = new HikariDataSource(config);
        CircuitBreaker breaker = CircuitBreaker.of(
                "database",
                CircuitBreakerConfig.builder()
                        .slidingWindow(SlidingWindow.lastCalls(50))
                        .minimumCalls(10)
                        .failureRateThreshold(50)
                        .slowCallDuration(settings.databaseTimeout().dividedBy(2))
                        .slowCallRateThreshold(80)
                        .openDuration(Duration.ofSeconds(2))
                        .halfOpenProbes(5)
                        .build());
        TimeLimiter timeLimiter = TimeLimiter.of(
                "database",
                TimeLimiterConfig.builder().timeout(settings.databaseTimeout()).build());
        Database database = new Database(pool, dependencies.register(breaker), timeLimiter);
        try (Connection connection = pool.getConnection()) {
            DemoData.createIfEmpty(
                    new SqlSession(connection, new LongAdder()),
                    settings.organizations(),
                    LocalDate.now(ZoneOffset.UTC));
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return database;
    }

    /**
     * Runs work through the breaker and the time limit.
     *
     * @throws DatabaseException if the work failed, timed out or the breaker refused it
     */
    <T> T read(SqlWork<T> work) {
        try {
            return dependency.breaker().supply(() -> timeLimited(work));
        } catch (DatabaseException e) {
            throw e;
        } catch (RuntimeException e) { // the breaker refused the call
            throw new DatabaseException("database call refused: " + e.getMessage(), e);
        }
    }

    /** Runs work through the breaker and the time limit, or answers {@code degraded} if it cannot. */
    <T> Dependency.Answer<T> readOr(SqlWork<T> work, Supplier<T> degraded) {
        return dependency.answer(() -> timeLimited(work), degraded);
    }

    private <T> T timeLimited(SqlWork<T> work) {
        try {
            return timeLimiter.call(() -> {
                faults.beforeCall();
                try (Connection connection = pool.getConnection()) {
                    return work.run(new SqlSession(connection, queries));
                }
            });
        } catch (Exception e) {
            throw new DatabaseException("database call failed: " + e.getMessage(), e);
        }
    }

    Dependency dependency() {
        return dependency;
    }

    TimeLimiter timeLimiter() {
        return timeLimiter;
    }

    HikariDataSource pool() {
        return pool;
    }

    DatabaseFaults faults() {
        return faults;
    }

    /** Returns how many statements have run since the service started. */
    long queries() {
        return queries.sum();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Accepts {@code postgres://user:pass@host:port/db} as well as a JDBC URL. */
    private static void configurePostgres(HikariConfig config, String url) {
        if (url.startsWith("jdbc:")) {
            config.setJdbcUrl(url);
            return;
        }
        URI uri = URI.create(url);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be postgres://... or jdbc:postgresql://..., not "
                    + DashboardSettings.redact(url));
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ':' + port + uri.getPath());
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            config.setUsername(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                config.setPassword(userInfo.substring(colon + 1));
            }
        }
    }
}
