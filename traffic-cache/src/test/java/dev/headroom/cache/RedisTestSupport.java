package dev.headroom.cache;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.core.redis.internal.RedisPlumbing;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Looks at what a cache wrote to Redis, for tests. */
final class RedisTestSupport {

    private RedisTestSupport() {}

    /** The Redis keys holding values of cache {@code name}. */
    static List<byte[]> valueKeys(HeadroomRedis redis, String name) {
        List<byte[]> keys = new ArrayList<>();
        ScanArgs match = ScanArgs.Builder.matches("hr:{c:" + name + ":*}:v*").limit(1000);
        KeyScanCursor<byte[]> cursor = RedisPlumbing.of(redis).sync().scan(match);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = RedisPlumbing.of(redis).sync().scan(cursor, match);
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    /** The Redis keys holding values of cache {@code name}, scanned on every master of a cluster. */
    static List<byte[]> valueKeysOnCluster(List<String> nodeUris, String name) {
        List<byte[]> keys = new ArrayList<>();
        for (String uri : nodeUris) {
            try (HeadroomRedis node = connect(uri)) {
                keys.addAll(valueKeys(node, name));
            }
        }
        return keys;
    }

    /** The one Redis key holding a value of cache {@code name}. */
    static byte[] onlyValueKey(HeadroomRedis redis, String name) {
        List<byte[]> keys = valueKeys(redis, name);
        if (keys.size() != 1) {
            throw new AssertionError("expected one value key of cache " + name + ", found " + keys.size());
        }
        return keys.get(0);
    }

    /**
     * Connects with timeouts generous enough for a loaded build machine, so that tests about cache
     * behaviour do not fail on a slow command; outage tests use the defaults instead.
     */
    static HeadroomRedis connect(String uri) {
        return HeadroomRedis.connect(
                uri,
                RedisSettings.builder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .commandTimeout(Duration.ofSeconds(5))
                        .build());
    }

    /** Connects to a cluster with generous timeouts, as {@link #connect(String)}. */
    static HeadroomRedis connectCluster(List<String> uris) {
        return HeadroomRedis.connectCluster(
                uris,
                RedisSettings.builder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .commandTimeout(Duration.ofSeconds(5))
                        .build());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** How many times the server ran {@code command}, from INFO commandstats. */
    static long calls(HeadroomRedis redis, String command) {
        Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
                .matcher(RedisPlumbing.of(redis).sync().info("commandstats"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
