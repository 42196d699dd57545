package dev.headroom.testsupport;

import java.net.URI;
import java.util.UUID;

/**
 * The standalone Redis shared by a test run, injected by {@link RedisExtension} into test methods,
 * constructors and lifecycle methods. It may be a server the user runs ({@code REDIS_URL}), so tests
 * must not flush it: give keys a {@link #uniquePrefix(String)} instead.
 *
 * @param uri the server's URL
 * @param startedByTests whether this run started the server (false for {@code REDIS_URL})
 */
public record TestRedis(String uri, boolean startedByTests) {

    /**
     * Returns the server's host.
     *
     * @return the host of {@link #uri()}
     */
    public String host() {
        return URI.create(uri).getHost();
    }

    /**
     * Returns the server's port.
     *
     * @return the port of {@link #uri()}, 6379 if it names none
     */
    public int port() {
        int port = URI.create(uri).getPort();
        return port < 0 ? 6379 : port;
    }

    /**
     * Returns a prefix no other test uses, so tests sharing the server cannot see each other's keys.
     *
     * @param name a readable part, such as the test's name
     * @return {@code name} followed by a random suffix
     */
    public static String uniquePrefix(String name) {
        return name + '-' + UUID.randomUUID().toString().substring(0, 8);
    }
}
