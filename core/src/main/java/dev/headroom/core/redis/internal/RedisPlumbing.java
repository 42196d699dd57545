package dev.headroom.core.redis.internal;

import dev.headroom.core.redis.HeadroomRedis;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What Headroom's modules reach through a {@link HeadroomRedis} and users do not: the Lettuce
 * command interfaces, the script runner and new pub/sub connections. Obtain it with {@link
 * #of(HeadroomRedis)}; one per handle, thread-safe.
 *
 * <p>The command interfaces are the ones standalone and cluster connections have in common, so code
 * written against them runs on both. Failures reach the caller as Lettuce exceptions: callers guard
 * them (a breaker, a fallback) and never let them cross Headroom's public API.
 */
public final class RedisPlumbing {

    private static final AtomicReference<@Nullable Function<HeadroomRedis, RedisPlumbing>> ACCESS =
            new AtomicReference<>();

    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterCommands<byte[], byte[]> sync;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final @Nullable AbstractRedisClient client;
    private final boolean cluster;
    private final String description;
    private final ScriptRunner scripts;

    /**
     * Creates the plumbing of one handle; only {@link HeadroomRedis} calls this.
     *
     * @param connection the connection
     * @param sync its blocking commands
     * @param async its asynchronous commands
     * @param client the client that opened it, or null for a borrowed connection
     * @param cluster whether it talks to a Redis Cluster
     * @param description the redacted URL or what was borrowed, for messages
     */
    public RedisPlumbing(
            StatefulConnection<byte[], byte[]> connection,
            RedisClusterCommands<byte[], byte[]> sync,
            RedisClusterAsyncCommands<byte[], byte[]> async,
            @Nullable AbstractRedisClient client,
            boolean cluster,
            String description) {
        this.connection = connection;
        this.sync = sync;
        this.async = async;
        this.client = client;
        this.cluster = cluster;
        this.description = description;
        this.scripts = new ScriptRunner(sync, async);
    }

    /**
     * Returns the plumbing of a handle.
     *
     * @param redis the handle
     * @return its plumbing
     */
    public static RedisPlumbing of(HeadroomRedis redis) {
        Objects.requireNonNull(redis, "redis");
        // A HeadroomRedis instance exists, so its class initializer has installed the access.
        return Objects.requireNonNull(ACCESS.get(), "HeadroomRedis is initialized")
                .apply(redis);
    }

    /**
     * Lets {@link HeadroomRedis} hand out its plumbing; called once, from its class initializer.
     *
     * @param access reads a handle's plumbing
     * @throws IllegalStateException if access was installed already
     */
    public static void installAccess(Function<HeadroomRedis, RedisPlumbing> access) {
        if (!ACCESS.compareAndSet(null, access)) {
            throw new IllegalStateException("RedisPlumbing access is installed once, by HeadroomRedis");
        }
    }

    /**
     * Returns blocking commands; each waits at most the command timeout.
     *
     * @return the shared blocking command interface
     */
    public RedisClusterCommands<byte[], byte[]> sync() {
        return sync;
    }

    /**
     * Returns non-blocking commands.
     *
     * @return the shared asynchronous command interface
     */
    public RedisClusterAsyncCommands<byte[], byte[]> async() {
        return async;
    }

    /**
     * Returns the runner for Lua scripts on this connection.
     *
     * @return the script runner
     */
    public ScriptRunner scripts() {
        return scripts;
    }

    /**
     * Says whether new pub/sub connections can be opened: only a handle that owns its client can.
     *
     * @return false for a handle that borrows a connection
     */
    public boolean canOpenPubSub() {
        return client != null;
    }

    /**
     * Opens a new publish/subscribe connection to the same Redis with the same settings; on a cluster
     * it receives messages published on any node. The caller closes it. Prefer {@link
     * RedisSubscriber}, which resubscribes after a loss and says when messages may have been missed.
     *
     * @return a new pub/sub connection with byte-array keys and values
     * @throws IllegalStateException if the handle borrows a connection, and so has no client to open
     *     one from
     * @throws io.lettuce.core.RedisException if Redis cannot be reached now
     */
    public StatefulRedisPubSubConnection<byte[], byte[]> connectPubSub() {
        AbstractRedisClient owner = requireClient();
        return owner instanceof RedisClusterClient clusterClient
                ? clusterClient.connectPubSub(ByteArrayCodec.INSTANCE)
                : ((RedisClient) owner).connectPubSub(ByteArrayCodec.INSTANCE);
    }

    /**
     * Hears the connect and disconnect events of every connection of the handle's client.
     *
     * @param listener the listener; events arrive on Redis I/O threads
     * @throws IllegalStateException if the handle borrows a connection
     */
    public void addConnectionListener(RedisConnectionStateListener listener) {
        requireClient().addListener(listener);
    }

    /**
     * Stops a listener added with {@link #addConnectionListener}.
     *
     * @param listener the listener
     */
    public void removeConnectionListener(RedisConnectionStateListener listener) {
        AbstractRedisClient owner = client;
        if (owner != null) {
            owner.removeListener(listener);
        }
    }

    /**
     * Says whether the handle talks to a Redis Cluster.
     *
     * @return true for a cluster connection
     */
    public boolean isCluster() {
        return cluster;
    }

    /**
     * Says whether the connection is up now.
     *
     * @return true if the connection is open and connected
     */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * Returns what the handle talks to, with any password redacted.
     *
     * @return the redacted URL, cluster seed list or borrowed connection
     */
    public String description() {
        return description;
    }

    private AbstractRedisClient requireClient() {
        AbstractRedisClient owner = client;
        if (owner == null) {
            throw new IllegalStateException(
                    "a borrowed connection has no client to open a pub/sub connection from: " + description);
        }
        return owner;
    }

    @Override
    public String toString() {
        return "RedisPlumbing[" + description + ']';
    }
}
