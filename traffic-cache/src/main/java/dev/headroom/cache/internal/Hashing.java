package dev.headroom.cache.internal;

/** A fast 64-bit hash of keys, for Redis hash tags and for per-write TTL jitter. Not cryptographic. */
final class Hashing {

    private Hashing() {}

    /** FNV-1a over the key's UTF-16 code units, finished with a 64-bit mixer. */
    static long hash64(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix64(h);
    }

    /** MurmurHash3's finalizer: every input bit affects every output bit. */
    static long mix64(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A number in [0, 1) that depends only on the key and the write time. */
    static double unit(String key, long computedAtMillis) {
        long h = mix64(hash64(key) ^ (computedAtMillis * 0x9E3779B97F4A7C15L));
        return (h >>> 11) * 0x1.0p-53;
    }
}
