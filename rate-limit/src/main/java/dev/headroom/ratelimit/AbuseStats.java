package dev.headroom.ratelimit;

/** Live counts of one {@link AbuseGuard}, totals since creation; read by its metrics binder. */
public interface AbuseStats {

    /**
     * Returns how many checks ended with {@code outcome}.
     *
     * @param outcome the outcome
     * @return a running total
     */
    long checks(AbuseVerdict.Outcome outcome);

    /**
     * Returns how many bans were issued, automatic and manual.
     *
     * @param manual true for manual bans
     * @return a running total
     */
    long bans(boolean manual);

    /**
     * Returns how many unbans were made.
     *
     * @return a running total
     */
    long unbans();

    /**
     * Returns how many Redis calls failed or were refused and were answered by the local guard.
     *
     * @return a running total; always 0 in memory
     */
    long redisFailures();
}
