package dev.headroom.examples.dashboard;

/**
 * Running totals of what the service did, for the drill to compare before and after a step.
 *
 * @param databaseQueries SQL statements run
 * @param degradedAnswers pages answered without the database, whole or in part
 * @param rateLimited requests refused by a rate limit
 * @param banned requests refused because their address was banned
 * @param bans addresses banned
 * @param shed requests shed by the load-shedding bulkhead
 * @param recomputeSubmitted daily-metrics recomputations asked for
 * @param recomputeCoalesced of those, merged into an already pending run
 * @param recomputeRuns recomputation runs that finished
 * @param recomputeSkipped runs that skipped the compute step (unchanged payload)
 * @param recomputeBacklog recomputations pending or running now (not a total)
 */
public record ServiceCounters(
        long databaseQueries,
        long degradedAnswers,
        long rateLimited,
        long banned,
        long bans,
        long shed,
        long recomputeSubmitted,
        long recomputeCoalesced,
        long recomputeRuns,
        long recomputeSkipped,
        long recomputeBacklog) {

    /**
     * Returns what happened between {@code earlier} and this snapshot.
     *
     * @param earlier an earlier snapshot of the same service
     * @return the differences, field by field; the backlog is this snapshot's
     */
    public ServiceCounters minus(ServiceCounters earlier) {
        return new ServiceCounters(
                databaseQueries - earlier.databaseQueries,
                degradedAnswers - earlier.degradedAnswers,
                rateLimited - earlier.rateLimited,
                banned - earlier.banned,
                bans - earlier.bans,
                shed - earlier.shed,
                recomputeSubmitted - earlier.recomputeSubmitted,
                recomputeCoalesced - earlier.recomputeCoalesced,
                recomputeRuns - earlier.recomputeRuns,
                recomputeSkipped - earlier.recomputeSkipped,
                recomputeBacklog);
    }
}
