package dev.headroom.testsupport;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Redis: declare a {@link TestRedis} or {@link TestRedisCluster} parameter on a
 * test, lifecycle method or constructor of a class annotated {@code @ExtendWith(RedisExtension.class)}.
 *
 * <p>The standalone server is the one {@code REDIS_URL} names, else one started from {@link
 * RedisBinary} on a free port with no persistence. The cluster is the one whose comma-separated
 * node URLs {@code REDIS_CLUSTER_URLS} gives, else three masters started the same way. Each is
 * created on first use, shared by every test class in the JVM, and stopped when the test run ends,
 * whether the tests passed or failed. Tests never skip for want of Redis: if none can be had, the
 * test fails saying why.
 */
public final class RedisExtension implements ParameterResolver {

    /** The environment variable naming a standalone Redis to use instead of starting one: {@value}. */
    public static final String REDIS_URL_ENV = "REDIS_URL";

    /** The environment variable naming a cluster's node URLs, comma-separated: {@value}. */
    public static final String CLUSTER_URLS_ENV = "REDIS_CLUSTER_URLS";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    /** Creates the extension; JUnit calls this. */
    public RedisExtension() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestRedis.class || type == TestRedisCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        try {
            if (parameter.getParameter().getType() == TestRedis.class) {
                return store.getOrComputeIfAbsent(
                                SharedStandalone.class, key -> new SharedStandalone(), SharedStandalone.class)
                        .redis;
            }
            return store.getOrComputeIfAbsent(SharedCluster.class, key -> new SharedCluster(), SharedCluster.class)
                    .cluster;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot provide a real Redis: " + e.getMessage(), e);
        }
    }

    /** The shared standalone server; JUnit closes it when the root context closes. */
    private static final class SharedStandalone implements AutoCloseable {
        final TestRedis redis;
        private final @Nullable RedisProcess process;

        SharedStandalone() {
            String url = System.getenv(REDIS_URL_ENV);
            if (url != null && !url.isBlank()) {
                this.process = null;
                this.redis = new TestRedis(url.trim(), false);
            } else {
                this.process = RedisServers.startStandalone();
                this.redis = new TestRedis(process.uri(), true);
                // Test output, kept by Surefire and Failsafe: says which server the run used.
                System.err.println("Headroom tests: started " + RedisBinary.resolve() + " at " + process.uri());
            }
        }

        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }

    /** The shared cluster; JUnit closes it when the root context closes. */
    private static final class SharedCluster implements AutoCloseable {
        final TestRedisCluster cluster;
        private final @Nullable RedisCluster started;

        SharedCluster() {
            String urls = System.getenv(CLUSTER_URLS_ENV);
            if (urls != null && !urls.isBlank()) {
                this.started = null;
                this.cluster = new TestRedisCluster(List.of(urls.trim().split("\\s*,\\s*", -1)), false);
            } else {
                this.started = RedisServers.startCluster(3);
                this.cluster = new TestRedisCluster(started.nodeUris(), true);
                System.err.println(
                        "Headroom tests: started a cluster of " + RedisBinary.resolve() + " at " + started.nodeUris());
            }
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
