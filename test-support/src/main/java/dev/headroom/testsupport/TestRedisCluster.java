package dev.headroom.testsupport;

import java.util.List;

/**
 * The Redis Cluster shared by a test run, of at least three masters, injected by {@link
 * RedisExtension}. Like {@link TestRedis}, it may be the user's ({@code REDIS_CLUSTER_URLS}); give
 * keys a unique prefix instead of flushing.
 *
 * @param nodeUris the URL of every master node known at start
 * @param startedByTests whether this run started the cluster
 */
public record TestRedisCluster(List<String> nodeUris, boolean startedByTests) {

    /**
     * Copies the node list.
     *
     * @param nodeUris the URL of every master node known at start
     * @param startedByTests whether this run started the cluster
     */
    public TestRedisCluster {
        nodeUris = List.copyOf(nodeUris);
    }
}
