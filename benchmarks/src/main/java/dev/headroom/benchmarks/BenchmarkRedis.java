package dev.headroom.benchmarks;

import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import org.jspecify.annotations.Nullable;

/**
 * The Redis a benchmark trial runs against: the one {@code REDIS_URL} names, else a redis-server
 * started for the trial (from the {@code PATH} or the shipped binary) and stopped after it.
 */
public final class BenchmarkRedis implements AutoCloseable {

    private final String uri;
    private final @Nullable RedisProcess started;

    private BenchmarkRedis(String uri, @Nullable RedisProcess started) {
        this.uri = uri;
        this.started = started;
    }

    /**
     * Finds or starts the Redis for one trial.
     *
     * @return the Redis to use; close it in the trial's tear-down
     */
    public static BenchmarkRedis acquire() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return new BenchmarkRedis(url.trim(), null);
        }
        RedisProcess process = RedisServers.startStandalone();
        return new BenchmarkRedis(process.uri(), process);
    }

    /**
     * Returns the Redis URL.
     *
     * @return the URL every subject of the trial connects to
     */
    public String uri() {
        return uri;
    }

    /** Stops the server if this trial started it. */
    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
