package dev.headroom.ratelimit;

import java.time.Duration;

/**
 * Hears bans and unbans of an {@link AbuseGuard}, on the thread whose check or call caused them.
 * Implementations must be quick and should not throw: an exception is logged, counted in {@link
 * AbuseGuardStats#listenerFailures()}, and the other listeners still hear the event.
 */
public interface AbuseListener {

    /**
     * A client was banned.
     *
     * @param key the client
     * @param duration how long
     * @param offences its offences within the offence memory, this one included; 0 for a manual ban
     * @param manual true if {@link AbuseGuard#ban(String, Duration)} banned it
     */
    void onBan(String key, Duration duration, int offences, boolean manual);

    /**
     * A client was unbanned by {@link AbuseGuard#unban(String)}.
     *
     * @param key the client
     */
    default void onUnban(String key) {}
}
