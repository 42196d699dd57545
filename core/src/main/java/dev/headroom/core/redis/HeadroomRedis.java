package dev.headroom.core.redis;

import dev.headroom.core.redis.internal.RedisPlumbing;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * One Redis connection, standalone or cluster: the handle every Redis-backed Headroom component is
 * given. Open it once at start-up, hand it to every component, close it at shutdown.
 *
 * <p>A handle opened by {@code connect} owns its Lettuce client and connection and closes both in
 * {@link #close()}; it applies {@link RedisSettings}: commands time out after {@link
 * RedisSettings#commandTimeout()}, commands issued while disconnected are rejected at once instead
 * of buffered, and the connection reconnects on its own. A handle made by {@code wrap} borrows the
 * caller's connection, keeps the caller's options and never closes it.
 *
 * <p>Thread-safe: one handle serves every thread, since Lettuce pipelines commands on one
 * connection. The commands themselves are Headroom's plumbing, not API: components reach them
 * through a package exported only to Headroom's modules.
 */
public final class HeadroomRedis implements AutoCloseable {

    /** The environment variable {@link #fromEnvironment()} reads: {@value}. */
    public static final String REDIS_URL_ENV = "REDIS_URL";

    static {
        RedisPlumbing.installAccess(redis -> redis.plumbing);
    }

    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisPlumbing plumbing;
    private final @Nullable Owned owned;

    private HeadroomRedis(
            StatefulConnection<byte[], byte[]> connection,
            RedisClusterCommands<byte[], byte[]> sync,
            RedisClusterAsyncCommands<byte[], byte[]> async,
            @Nullable Owned owned,
            boolean cluster,
            String description) {
        this.connection = connection;
        this.owned = owned;
        this.plumbing =
                new RedisPlumbing(connection, sync, async, owned == null ? null : owned.client(), cluster, description);
    }

    /**
     * Connects to a standalone Redis with the default settings.
     *
     * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
     * @return an open handle that owns its connection
     * @throws IllegalArgumentException if the URL is malformed (the message never shows a password)
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static HeadroomRedis connect(String url) {
        return connect(url, RedisSettings.ofDefaults());
    }

    /**
     * Connects to a standalone Redis.
     *
     * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
     * @param settings timeouts and bounds
     * @return an open handle that owns its connection
     * @throws IllegalArgumentException if the URL is malformed (the message never shows a password)
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static HeadroomRedis connect(String url, RedisSettings settings) {
        RedisURI uri = RedisUrls.parse(url, settings);
        ClientResources resources = clientResources(settings);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(socketOptions(settings))
                .requestQueueSize(settings.requestQueueSize())
                .build());
        try {
            StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            return new HeadroomRedis(
                    connection,
                    connection.sync(),
                    connection.async(),
                    new Owned(client, resources, Disposables.never()),
                    false,
                    RedisUrls.redact(url.trim()));
        } catch (RuntimeException e) {
            new Owned(client, resources, Disposables.never()).shutdown();
            throw e;
        }
    }

    /**
     * Connects to a Redis Cluster through one or more of its nodes; the rest of the topology is
     * discovered, and refreshed periodically and on Lettuce's default adaptive triggers (redirects,
     * reconnects, unknown nodes).
     *
     * @param nodeUrls seed node URLs, as for {@link #connect(String)}; at least one
     * @param settings timeouts and bounds
     * @return an open handle that owns its connection
     * @throws IllegalArgumentException if the list is empty or a URL is malformed
     * @throws io.lettuce.core.RedisConnectionException if no seed node can be reached now
     */
    public static HeadroomRedis connectCluster(List<String> nodeUrls, RedisSettings settings) {
        if (nodeUrls.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node URL: " + nodeUrls);
        }
        List<RedisURI> uris = new ArrayList<>(nodeUrls.size());
        for (String url : nodeUrls) {
            uris.add(RedisUrls.parse(url, settings));
        }
        ClientResources resources = clientResources(settings);
        RedisClusterClient client = RedisClusterClient.create(resources, uris);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(socketOptions(settings))
                .requestQueueSize(settings.requestQueueSize())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(settings.topologyRefreshPeriod())
                        .build())
                .build());
        try {
            StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
            Disposable warmup = ClusterNodeWarmup.start(connection, resources);
            String description = nodeUrls.stream()
                    .map(url -> RedisUrls.redact(url.trim()))
                    .collect(Collectors.joining(",", "cluster[", "]"));
            return new HeadroomRedis(
                    connection,
                    connection.sync(),
                    connection.async(),
                    new Owned(client, resources, warmup),
                    true,
                    description);
        } catch (RuntimeException e) {
            new Owned(client, resources, Disposables.never()).shutdown();
            throw e;
        }
    }

    /**
     * Connects to the Redis that the {@value #REDIS_URL_ENV} environment variable names, if it is set:
     * one URL for a standalone Redis, or several separated by commas for a cluster's seed nodes.
     *
     * @return an open handle, or empty if the variable is unset or blank
     * @throws IllegalArgumentException if the variable holds a malformed URL
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static Optional<HeadroomRedis> fromEnvironment() {
        return fromEnvironment(System.getenv(), RedisSettings.ofDefaults());
    }

    /**
     * Connects to the Redis that {@value #REDIS_URL_ENV} names in the given environment.
     *
     * @param environment variables, such as {@link System#getenv()}
     * @param settings timeouts and bounds
     * @return an open handle, or empty if the variable is unset or blank
     * @throws IllegalArgumentException if the variable holds a malformed URL
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now
     */
    public static Optional<HeadroomRedis> fromEnvironment(Map<String, String> environment, RedisSettings settings) {
        String value = environment.get(REDIS_URL_ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        List<String> urls = List.of(value.split(",", -1));
        return Optional.of(urls.size() == 1 ? connect(value, settings) : connectCluster(urls, settings));
    }

    /**
     * Borrows a standalone connection the caller opened; {@link #close()} leaves it open.
     *
     * @param connection an open connection with a byte-array codec
     * @return a handle over the caller's connection and options
     */
    public static HeadroomRedis wrap(StatefulRedisConnection<byte[], byte[]> connection) {
        return new HeadroomRedis(
                connection, connection.sync(), connection.async(), null, false, "borrowed " + connection);
    }

    /**
     * Borrows a cluster connection the caller opened; {@link #close()} leaves it open.
     *
     * @param connection an open cluster connection with a byte-array codec
     * @return a handle over the caller's connection and options
     */
    public static HeadroomRedis wrap(StatefulRedisClusterConnection<byte[], byte[]> connection) {
        return new HeadroomRedis(
                connection, connection.sync(), connection.async(), null, true, "borrowed " + connection);
    }

    /**
     * Says whether this handle talks to a Redis Cluster.
     *
     * @return true for a cluster connection
     */
    public boolean isCluster() {
        return plumbing.isCluster();
    }

    /**
     * Says whether the connection is up now. A handle that is down reconnects on its own.
     *
     * @return true if the connection is open and connected
     */
    public boolean isConnected() {
        return plumbing.isConnected();
    }

    /**
     * Closes the connection and the client if this handle opened them; does nothing to a borrowed
     * connection. Idempotent.
     */
    @Override
    public void close() {
        if (owned != null) {
            connection.close();
            owned.shutdown();
        }
    }

    @Override
    public String toString() {
        return "HeadroomRedis[" + plumbing.description() + ']';
    }

    private static SocketOptions socketOptions(RedisSettings settings) {
        return SocketOptions.builder()
                .connectTimeout(settings.connectTimeout())
                .keepAlive(true)
                .build();
    }

    private static ClientResources clientResources(RedisSettings settings) {
        return ClientResources.builder()
                .reconnectDelay(Delay.fullJitter(
                        Duration.ofMillis(10), settings.maxReconnectDelay(), 10, TimeUnit.MILLISECONDS))
                .build();
    }

    /** The client and its event loops, which a handle made by {@code connect} owns. */
    private record Owned(AbstractRedisClient client, ClientResources resources, Disposable subscriptions) {
        void shutdown() {
            subscriptions.dispose();
            client.shutdown(0, 2, TimeUnit.SECONDS);
            Future<Boolean> released = resources.shutdown(0, 2, TimeUnit.SECONDS);
            try {
                released.get(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // The event loops are daemon threads; failing to stop them in time leaks nothing durable.
            }
        }
    }
}
