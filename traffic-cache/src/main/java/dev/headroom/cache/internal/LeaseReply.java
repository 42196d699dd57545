package dev.headroom.cache.internal;

import org.jspecify.annotations.Nullable;

/** What a request for a key's load lease found. */
final class LeaseReply {

    enum Kind {
        /** This load holds the lease. */
        ACQUIRED,
        /** Another load holds it. */
        HELD,
        /** The value exists (asked for by a read that missed). */
        VALUE,
        /** Redis refused, failed or timed out. */
        UNAVAILABLE
    }

    static final LeaseReply ACQUIRED = new LeaseReply(Kind.ACQUIRED, null);
    static final LeaseReply HELD = new LeaseReply(Kind.HELD, null);
    static final LeaseReply UNAVAILABLE = new LeaseReply(Kind.UNAVAILABLE, null);

    final Kind kind;
    final byte @Nullable [] value;

    private LeaseReply(Kind kind, byte @Nullable [] value) {
        this.kind = kind;
        this.value = value;
    }

    static LeaseReply value(byte[] value) {
        return new LeaseReply(Kind.VALUE, value);
    }
}
