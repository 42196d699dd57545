package dev.headroom.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A local Redis Cluster of masters started for tests, made by {@link RedisServers#startCluster(int)}.
 * {@link #close()} kills every node and deletes their directories.
 */
public final class RedisCluster implements AutoCloseable {

    /** The number of hash slots in a Redis Cluster. */
    static final int SLOTS = 16_384;

    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

    private final List<RedisProcess> nodes;

    private RedisCluster(List<RedisProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Assigns slots evenly, introduces the nodes to each other and waits for a healthy cluster. */
    static RedisCluster form(List<RedisProcess> nodes) {
        try {
            int perNode = SLOTS / nodes.size();
            for (int i = 0; i < nodes.size(); i++) {
                int first = i * perNode;
                int last = i == nodes.size() - 1 ? SLOTS - 1 : first + perNode - 1;
                List<String> command = new ArrayList<>();
                command.add("CLUSTER");
                command.add("ADDSLOTS");
                for (int slot = first; slot <= last; slot++) {
                    command.add(Integer.toString(slot));
                }
                call(nodes.get(i), command.toArray(String[]::new));
            }
            RedisProcess seed = nodes.get(0);
            for (RedisProcess node : nodes.subList(1, nodes.size())) {
                call(seed, "CLUSTER", "MEET", node.host(), Integer.toString(node.port()));
            }
            awaitHealthy(nodes);
            return new RedisCluster(nodes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot form a Redis Cluster: " + e.getMessage(), e);
        }
    }

    private static void awaitHealthy(List<RedisProcess> nodes) throws IOException {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        String lastInfo = "";
        while (System.nanoTime() < deadline) {
            boolean healthy = true;
            for (RedisProcess node : nodes) {
                lastInfo = String.valueOf(call(node, "CLUSTER", "INFO"));
                if (!lastInfo.contains("cluster_state:ok")
                        || !lastInfo.contains("cluster_known_nodes:" + nodes.size() + "\r")
                        || !lastInfo.contains("cluster_slots_ok:" + SLOTS + "\r")) {
                    healthy = false;
                    break;
                }
            }
            if (healthy) {
                return;
            }
            RedisProcess.pause(Duration.ofMillis(50));
        }
        throw new IllegalStateException("Redis Cluster not healthy within " + FORM_TIMEOUT + ":\n" + lastInfo);
    }

    private static @Nullable Object call(RedisProcess node, String... command) throws IOException {
        try (RespClient client = new RespClient(node.host(), node.port(), 5_000)) {
            return client.command(command);
        }
    }

    /**
     * Returns the nodes, for drills that stop one.
     *
     * @return the master processes
     */
    public List<RedisProcess> nodes() {
        return nodes;
    }

    /**
     * Returns every node's URL, to seed a cluster client.
     *
     * @return {@code redis://127.0.0.1:<port>} per node
     */
    public List<String> nodeUris() {
        return nodes.stream().map(RedisProcess::uri).toList();
    }

    /** Kills every node and deletes their directories. */
    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
    }

    @Override
    public String toString() {
        return "RedisCluster" + nodeUris();
    }
}
