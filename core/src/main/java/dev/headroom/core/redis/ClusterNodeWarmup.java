package dev.headroom.core.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Opens a cluster connection's per-node connections ahead of the first command.
 *
 * <p>Lettuce connects to each node lazily, and with commands rejected while disconnected (our
 * setting) the first commands for a node are rejected until its connection is up. Connecting to
 * every master at start, and to new masters whenever the topology changes, keeps that window to the
 * moment a node is first seen.
 */
final class ClusterNodeWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeWarmup.class);

    private ClusterNodeWarmup() {}

    /**
     * Connects to every master now, then on every topology change.
     *
     * @return the subscription to topology changes, to dispose with the connection
     */
    static Disposable start(StatefulRedisClusterConnection<byte[], byte[]> connection, ClientResources resources) {
        for (RedisClusterNode node : connection.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                StatefulRedisConnection<byte[], byte[]> unused = connection.getConnection(
                        node.getUri().getHost(), node.getUri().getPort());
            }
        }
        return resources
                .eventBus()
                .get()
                .filter(ClusterTopologyChangedEvent.class::isInstance)
                .map(ClusterTopologyChangedEvent.class::cast)
                .subscribe(event -> event.after().stream()
                        .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
                        .forEach(node -> connectAsync(connection, node)));
    }

    private static void connectAsync(StatefulRedisClusterConnection<byte[], byte[]> connection, RedisClusterNode node) {
        try {
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> unused = connection
                    .getConnectionAsync(node.getUri().getHost(), node.getUri().getPort())
                    .whenComplete((opened, failure) -> {
                        if (failure != null) {
                            LOG.debug("cannot pre-connect to cluster node {}: {}", node.getUri(), failure.toString());
                        }
                    });
        } catch (RedisException e) {
            LOG.debug("cannot pre-connect to cluster node {}: {}", node.getUri(), e.toString());
        }
    }
}
