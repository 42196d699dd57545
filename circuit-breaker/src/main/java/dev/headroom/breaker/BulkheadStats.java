package dev.headroom.breaker;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one {@link Bulkhead}, taken by {@link Bulkhead#stats()}: what runs and waits now,
 * and the running totals of grants and refusals by priority.
 *
 * @param inFlightByPriority granted, unreleased permits, by priority; every priority present
 * @param queueDepthByPriority requests waiting now, by priority; every priority present
 * @param congested whether the queue is congested: non-empty for at least the congestion interval,
 *     serving newest first with short timeouts
 * @param grantedByPriority permits granted since creation, by priority; every priority present
 * @param rejectedByPriority requests refused since creation, by priority and reason; every priority
 *     and reason present
 */
public record BulkheadStats(
        Map<Priority, Integer> inFlightByPriority,
        Map<Priority, Integer> queueDepthByPriority,
        boolean congested,
        Map<Priority, Long> grantedByPriority,
        Map<Priority, Map<BulkheadRejection, Long>> rejectedByPriority) {

    /**
     * Copies the maps, so the snapshot is immutable.
     *
     * @param inFlightByPriority granted, unreleased permits, by priority
     * @param queueDepthByPriority requests waiting now, by priority
     * @param congested whether the queue is congested
     * @param grantedByPriority permits granted since creation, by priority
     * @param rejectedByPriority requests refused since creation, by priority and reason
     */
    public BulkheadStats {
        inFlightByPriority = Map.copyOf(inFlightByPriority);
        queueDepthByPriority = Map.copyOf(queueDepthByPriority);
        grantedByPriority = Map.copyOf(grantedByPriority);
        Map<Priority, Map<BulkheadRejection, Long>> rejected = new EnumMap<>(Priority.class);
        rejectedByPriority.forEach((priority, byReason) -> rejected.put(priority, Map.copyOf(byReason)));
        rejectedByPriority = Map.copyOf(rejected);
    }

    /**
     * Returns the calls running now.
     *
     * @return granted, unreleased permits of every priority
     */
    public int inFlight() {
        return inFlightByPriority.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Returns the calls of one priority running now.
     *
     * @param priority the priority
     * @return granted, unreleased permits of that priority
     */
    public int inFlight(Priority priority) {
        return inFlightByPriority.getOrDefault(priority, 0);
    }

    /**
     * Returns the requests waiting now.
     *
     * @return the queue's length
     */
    public int queueDepth() {
        return queueDepthByPriority.values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /**
     * Returns the requests of one priority waiting now.
     *
     * @param priority the priority
     * @return how many of them wait
     */
    public int queueDepth(Priority priority) {
        return queueDepthByPriority.getOrDefault(priority, 0);
    }

    /**
     * Returns the permits granted to one priority since creation.
     *
     * @param priority the priority
     * @return a running total
     */
    public long granted(Priority priority) {
        return grantedByPriority.getOrDefault(priority, 0L);
    }

    /**
     * Returns the requests of one priority refused for one reason since creation.
     *
     * @param priority the priority
     * @param rejection the reason
     * @return a running total
     */
    public long rejected(Priority priority, BulkheadRejection rejection) {
        Map<BulkheadRejection, Long> byReason = rejectedByPriority.get(priority);
        return byReason == null ? 0 : byReason.getOrDefault(rejection, 0L);
    }
}
