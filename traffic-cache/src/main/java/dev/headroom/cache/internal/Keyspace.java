package dev.headroom.cache.internal;

import dev.headroom.core.redis.RedisKeys;
import java.nio.charset.StandardCharsets;

/**
 * Where a cache's data lives in Redis. With {@code n} the cache's name, {@code h} a 64-bit hash of
 * the user's key in hex, {@code v} the namespace version and {@code k} the user's key:
 *
 * <pre>
 * hr:{c:n:h}:v&lt;v&gt;:k   the value, with a TTL of its lifetime plus the stale grace
 * hr:{c:n:h}:l&lt;v&gt;:k   the load lease, with a TTL of the lease TTL
 * hr:{c:n}:ns           the namespace version; no TTL, one key per cache name
 * hr:c:n:invalidate     the pub/sub channel of invalidations (a channel, not a key)
 * </pre>
 *
 * <p>The hash tag holds a hash of the key, not the key, so any key (braces included) works and keys
 * spread over a cluster's slots, while a key's value and lease share a slot for one script. Keys
 * stay unique because the full key follows the tag. Moving the version on orphans every old value
 * at once; they expire on their own TTLs.
 */
final class Keyspace {

    private final String tagPrefix;
    private final byte[] namespace;
    private final String channel;

    Keyspace(String name) {
        this.tagPrefix = RedisKeys.PREFIX + ":{c:" + name + ':';
        this.namespace = RedisKeys.bytes(RedisKeys.tagged("c:" + name, "ns"));
        this.channel = RedisKeys.PREFIX + ":c:" + name + ":invalidate";
    }

    byte[] value(String key, long version) {
        return key(key, 'v', version);
    }

    byte[] lease(String key, long version) {
        return key(key, 'l', version);
    }

    byte[] namespace() {
        return namespace;
    }

    String channel() {
        return channel;
    }

    private byte[] key(String key, char kind, long version) {
        StringBuilder out = new StringBuilder(tagPrefix.length() + 24 + key.length());
        String hash = Long.toHexString(Hashing.hash64(key));
        out.append(tagPrefix);
        for (int i = hash.length(); i < 16; i++) {
            out.append('0');
        }
        out.append(hash).append("}:").append(kind).append(version).append(':').append(key);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
