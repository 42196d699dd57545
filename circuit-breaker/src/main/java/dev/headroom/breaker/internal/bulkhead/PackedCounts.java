package dev.headroom.breaker.internal.bulkhead;

/** Four 16-bit counts, one per priority, in one {@code long}, so they change atomically together. */
final class PackedCounts {

    private static final int BITS = 16;
    private static final long MASK = (1L << BITS) - 1;

    private PackedCounts() {}

    static long unit(int priority) {
        return 1L << (priority * BITS);
    }

    static int get(long packed, int priority) {
        return (int) ((packed >>> (priority * BITS)) & MASK);
    }

    static int total(long packed) {
        int total = 0;
        for (int priority = 0; priority < Priorities.COUNT; priority++) {
            total += get(packed, priority);
        }
        return total;
    }

    /** Whether any priority from 0 (highest) to {@code priority} has a non-zero count. */
    static boolean anyAtOrAbove(long packed, int priority) {
        return (packed & ((1L << ((priority + 1) * BITS)) - 1)) != 0;
    }
}
