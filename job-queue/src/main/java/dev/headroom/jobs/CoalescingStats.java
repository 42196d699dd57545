package dev.headroom.jobs;

/**
 * A snapshot of a {@link CoalescingQueue}'s counters. The totals only grow; {@code pending} and
 * {@code running} are current values.
 *
 * @param enqueued submissions accepted
 * @param coalesced submissions that replaced a pending payload instead of adding a run
 * @param started runs started, retries included
 * @param completed runs that ended without an exception, skipped ones included
 * @param failed runs that threw
 * @param retried failed runs scheduled to retry
 * @param abandoned payloads given up after their last attempt
 * @param skipped runs whose compute step the skip cache skipped
 * @param rejected submissions refused because the queue was shutting down
 * @param pending keys waiting for a run, follow-ups included
 * @param running runs in progress
 */
public record CoalescingStats(
        long enqueued,
        long coalesced,
        long started,
        long completed,
        long failed,
        long retried,
        long abandoned,
        long skipped,
        long rejected,
        long pending,
        long running) {

    /**
     * Returns the counters as one log-friendly line.
     *
     * @return {@code pending=.. running=.. enqueued=.. ...}
     */
    @Override
    public String toString() {
        return "pending=" + pending + " running=" + running + " enqueued=" + enqueued + " coalesced=" + coalesced
                + " started=" + started + " completed=" + completed + " failed=" + failed + " retried=" + retried
                + " abandoned=" + abandoned + " skipped=" + skipped + " rejected=" + rejected;
    }
}
