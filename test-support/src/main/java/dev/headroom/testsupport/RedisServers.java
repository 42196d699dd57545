package dev.headroom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts private Redis servers and clusters for tests that need to own them, such as drills that
 * stop Redis mid-load. Each is a real redis-server from {@link RedisBinary}, on a free loopback
 * port, in its own temporary directory, and is closed by the caller (and, failing that, by the
 * shutdown hook).
 */
public final class RedisServers {

    private static final int ATTEMPTS = 5;

    private RedisServers() {}

    /**
     * Starts a standalone server that keeps nothing on disk.
     *
     * @param extraArguments further redis-server options, such as {@code "--requirepass", "secret"}
     * @return a running server; close it when done
     */
    public static RedisProcess startStandalone(String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        arguments.addAll(List.of(extraArguments));
        return start(false, arguments);
    }

    /**
     * Starts a standalone server with an append-only file synced on every write, so a restart loses
     * nothing it acknowledged, even after {@link RedisProcess#kill()}.
     *
     * @return a running server; close it when done
     */
    public static RedisProcess startPersistent() {
        return start(false, List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
    }

    /**
     * Starts a Redis Cluster of {@code masters} masters with no replicas, slots split evenly, and
     * waits until every node reports the cluster healthy.
     *
     * @param masters at least 3, as Redis Cluster requires
     * @return a running cluster; close it when done
     * @throws IllegalArgumentException if {@code masters} is less than 3
     */
    public static RedisCluster startCluster(int masters) {
        if (masters < 3) {
            throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters: " + masters);
        }
        List<RedisProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(start(
                        true,
                        List.of(
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--cluster-enabled",
                                "yes",
                                "--cluster-config-file",
                                "nodes.conf",
                                "--cluster-node-timeout",
                                "2000")));
            }
            return RedisCluster.form(nodes);
        } catch (RuntimeException e) {
            nodes.forEach(RedisProcess::close);
            throw e;
        }
    }

    private static RedisProcess start(boolean needsBusPort, List<String> arguments) {
        Path binary = RedisBinary.resolve();
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort(needsBusPort);
            RedisProcess process = new RedisProcess(binary, newDirectory(port), port, arguments);
            try {
                process.start();
                return process;
            } catch (RuntimeException e) {
                // Another process may have taken the port between our probe and the server's bind.
                process.close();
                last = e;
            }
        }
        throw new IllegalStateException("cannot start " + binary + " after " + ATTEMPTS + " attempts", last);
    }

    private static Path newDirectory(int port) {
        try {
            return Files.createTempDirectory("headroom-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
    }

    /** A port free on loopback now; for a cluster node, port + 10000 (its bus) is free too. */
    private static int freePort(boolean needsBusPort) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = bindAndRelease(0);
            if (!needsBusPort) {
                return port;
            }
            if (port + 10_000 <= 65_535 && bindAndRelease(port + 10_000) > 0) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port pair for a cluster node");
    }

    private static int bindAndRelease(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            return -1;
        }
    }
}
