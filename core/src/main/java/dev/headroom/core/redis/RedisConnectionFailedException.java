package dev.headroom.core.redis;

/**
 * {@link HeadroomRedis} could not connect: Redis was unreachable, refused the credentials, or is not
 * what the URL says (a standalone server named as a cluster seed). Unchecked. The message names the
 * URL, with any password replaced by {@code ***}, and why the connection failed; the Redis client's
 * own exceptions are not chained, so no client type crosses Headroom's API.
 */
public final class RedisConnectionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String url;

    RedisConnectionFailedException(String url, String reason) {
        super("cannot connect to Redis at " + url + ": " + reason);
        this.url = url;
    }

    /**
     * Returns what the connection was opened to.
     *
     * @return the URL, or {@code cluster[url,...]} for cluster seeds, each with any password redacted
     */
    public String url() {
        return url;
    }
}
