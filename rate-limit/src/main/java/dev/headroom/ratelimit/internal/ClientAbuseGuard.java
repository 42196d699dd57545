package dev.headroom.ratelimit.internal;

import dev.headroom.core.UserKeys;
import dev.headroom.ratelimit.AbuseGuard;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.AbuseGuardStats;
import dev.headroom.ratelimit.AbuseListener;
import dev.headroom.ratelimit.AbuseVerdict;
import dev.headroom.ratelimit.Decision;

/**
 * What the in-memory and the Redis guard share: the name, the rules, the counters and listeners,
 * and a check that refuses a null or empty key and passes allowlisted addresses before any client
 * is counted.
 */
abstract class ClientAbuseGuard implements AbuseGuard {

    final String name;
    final AbuseGuardConfig config;
    final AbuseEvents events;

    ClientAbuseGuard(String name, AbuseGuardConfig config, AbuseEvents events) {
        this.name = name;
        this.config = config;
        this.events = events;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AbuseGuardConfig config() {
        return config;
    }

    @Override
    public final AbuseVerdict check(String key) {
        String id = UserKeys.canonical(key);
        if (config.allowlist().contains(key)) {
            return events.counted(new AbuseVerdict(AbuseVerdict.Outcome.ALLOWLISTED, 0, 0, Decision.Source.LOCAL));
        }
        return check(key, id);
    }

    /** Counts a request of a client not on the allowlist, by its canonical key {@code id}. */
    abstract AbuseVerdict check(String key, String id);

    @Override
    public final void addListener(AbuseListener listener) {
        events.add(listener);
    }

    @Override
    public final AbuseGuardStats stats() {
        return events.snapshot();
    }
}
