package dev.headroom.cache.internal;

import org.jspecify.annotations.Nullable;

/** What a Redis read found. */
final class RedisRead {

    enum Kind {
        /** The key holds bytes. */
        VALUE,
        /** The key does not exist. */
        MISSING,
        /** Redis refused, failed or timed out. */
        UNAVAILABLE
    }

    static final RedisRead MISSING = new RedisRead(Kind.MISSING, null);
    static final RedisRead UNAVAILABLE = new RedisRead(Kind.UNAVAILABLE, null);

    final Kind kind;
    final byte @Nullable [] bytes;

    private RedisRead(Kind kind, byte @Nullable [] bytes) {
        this.kind = kind;
        this.bytes = bytes;
    }

    static RedisRead of(byte @Nullable [] bytes) {
        return bytes == null ? MISSING : new RedisRead(Kind.VALUE, bytes);
    }
}
