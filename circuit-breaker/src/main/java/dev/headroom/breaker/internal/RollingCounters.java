package dev.headroom.breaker.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counters over a sliding period of time, kept in a ring of buckets. Adding is one atomic
 * increment into the current bucket, lock-free; a bucket whose period has passed is replaced by a
 * fresh one on first use, so an idle window costs nothing and allocation happens once per bucket
 * period, never per call. Sums cover the buckets of the last {@code bucketCount} periods.
 *
 * <p>Accuracy: an increment made by a thread that read the clock, then stalled for a whole window
 * before incrementing, is lost. Nothing else is.
 */
public final class RollingCounters {

    private final int fields;
    private final int bucketCount;
    private final long bucketNanos;
    private final AtomicReferenceArray<Bucket> buckets;

    /**
     * Creates counters.
     *
     * @param fields how many independent counters
     * @param bucketCount how many buckets the window is split into
     * @param windowNanos the window's length; each bucket lasts {@code windowNanos / bucketCount}
     */
    public RollingCounters(int fields, int bucketCount, long windowNanos) {
        this.fields = fields;
        this.bucketCount = bucketCount;
        this.bucketNanos = Math.max(1, windowNanos / bucketCount);
        this.buckets = new AtomicReferenceArray<>(bucketCount);
    }

    /**
     * Adds {@code delta} to counter {@code field} at time {@code nowNanos}.
     *
     * @param field which counter
     * @param delta how much
     * @param nowNanos the ticker's reading
     */
    public void add(int field, long delta, long nowNanos) {
        bucketAt(Math.floorDiv(nowNanos, bucketNanos)).counts.addAndGet(field, delta);
    }

    /**
     * Returns counter {@code field} summed over the window ending at {@code nowNanos}.
     *
     * @param field which counter
     * @param nowNanos the ticker's reading
     * @return the sum, never negative for non-negative deltas
     */
    public long sum(int field, long nowNanos) {
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        long sum = 0;
        for (int i = 0; i < bucketCount; i++) {
            Bucket bucket = buckets.get(i);
            if (bucket != null && bucket.epoch <= epoch && epoch - bucket.epoch < bucketCount) {
                sum += bucket.counts.get(field);
            }
        }
        return sum;
    }

    private Bucket bucketAt(long epoch) {
        int index = (int) Math.floorMod(epoch, (long) bucketCount);
        for (; ; ) {
            Bucket bucket = buckets.get(index);
            if (bucket != null && bucket.epoch >= epoch) {
                // Equal: the current bucket. Greater: a thread with a later reading already rolled
                // it; counting into the newer bucket is closer to the truth than dropping the call.
                return bucket;
            }
            Bucket fresh = new Bucket(epoch, fields);
            if (buckets.compareAndSet(index, bucket, fresh)) {
                return fresh;
            }
        }
    }

    private static final class Bucket {
        final long epoch;
        final AtomicLongArray counts;

        Bucket(long epoch, int fields) {
            this.epoch = epoch;
            this.counts = new AtomicLongArray(fields);
        }
    }
}
