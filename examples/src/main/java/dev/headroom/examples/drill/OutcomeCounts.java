package dev.headroom.examples.drill;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many times each {@link Outcome} happened: an immutable snapshot, and its thread-safe
 * {@link Adders} for recording.
 */
@SuppressWarnings("EnumOrdinal") // arrays indexed by ordinal, as EnumMap does, without boxing
final class OutcomeCounts {

    /** No outcome at all. */
    static final OutcomeCounts NONE = new OutcomeCounts(new long[Outcome.values().length]);

    private final long[] counts;

    private OutcomeCounts(long[] counts) {
        this.counts = counts;
    }

    /** How many times {@code outcome} happened. */
    long get(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    /** The sum of these counts and {@code other}. */
    OutcomeCounts plus(OutcomeCounts other) {
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new OutcomeCounts(sum);
    }

    /** Counters that any number of threads may increment at once. */
    static final class Adders {

        private final LongAdder[] adders = new LongAdder[Outcome.values().length];

        Adders() {
            for (int i = 0; i < adders.length; i++) {
                adders[i] = new LongAdder();
            }
        }

        void increment(Outcome outcome) {
            adders[outcome.ordinal()].increment();
        }

        /** The counts so far; exact once no thread increments any more. */
        OutcomeCounts sum() {
            long[] counts = new long[adders.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = adders[i].sum();
            }
            return new OutcomeCounts(counts);
        }
    }
}
