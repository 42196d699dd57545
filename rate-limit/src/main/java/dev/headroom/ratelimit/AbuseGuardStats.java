package dev.headroom.ratelimit;

import java.util.Map;

/**
 * A snapshot of one {@link AbuseGuard}'s counts, totals since its creation that never decrease.
 * Immutable; {@link AbuseGuard#stats()} takes a new one at each call. Read by {@link
 * dev.headroom.ratelimit.metrics.AbuseGuardMetrics}.
 *
 * @param checksByOutcome checks by outcome; every outcome is present
 * @param automaticBans bans issued because a client passed the limit
 * @param manualBans bans set by {@link AbuseGuard#ban}
 * @param unbans bans lifted by {@link AbuseGuard#unban}
 * @param redisFailures Redis calls that failed or that the breaker refused, each answered by the
 *     failure policy (a check) or by the instance alone (a ban, an unban, a lookup); always 0 in
 *     memory
 * @param listenerFailures calls of an {@link AbuseListener} that threw; each is logged, and the
 *     other listeners still hear the event
 */
public record AbuseGuardStats(
        Map<AbuseVerdict.Outcome, Long> checksByOutcome,
        long automaticBans,
        long manualBans,
        long unbans,
        long redisFailures,
        long listenerFailures) {

    /**
     * Copies the map.
     *
     * @param checksByOutcome checks by outcome
     * @param automaticBans automatic bans
     * @param manualBans manual bans
     * @param unbans unbans
     * @param redisFailures failed or refused Redis calls
     * @param listenerFailures listener calls that threw
     */
    public AbuseGuardStats {
        checksByOutcome = Map.copyOf(checksByOutcome);
    }

    /**
     * Returns how many checks ended with {@code outcome}.
     *
     * @param outcome the outcome
     * @return a total
     */
    public long checks(AbuseVerdict.Outcome outcome) {
        return checksByOutcome.getOrDefault(outcome, 0L);
    }
}
