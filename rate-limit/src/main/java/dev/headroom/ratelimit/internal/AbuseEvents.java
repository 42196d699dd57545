package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.AbuseListener;
import dev.headroom.ratelimit.AbuseStats;
import dev.headroom.ratelimit.AbuseVerdict;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters and listeners of one abuse guard. */
final class AbuseEvents implements AbuseStats {

    private static final Logger LOG = LoggerFactory.getLogger(AbuseEvents.class);

    private final String name;
    private final LongAdder[] checks = new LongAdder[AbuseVerdict.Outcome.values().length];
    private final LongAdder automaticBans = new LongAdder();
    private final LongAdder manualBans = new LongAdder();
    private final LongAdder unbans = new LongAdder();
    private final LongAdder redisFailures = new LongAdder();
    private final CopyOnWriteArrayList<AbuseListener> listeners = new CopyOnWriteArrayList<>();

    AbuseEvents(String name) {
        this.name = name;
        for (int i = 0; i < checks.length; i++) {
            checks[i] = new LongAdder();
        }
    }

    void add(AbuseListener listener) {
        listeners.add(listener);
    }

    @SuppressWarnings("EnumOrdinal") // A dense array index over a closed enum, built from values().
    AbuseVerdict counted(AbuseVerdict verdict) {
        checks[verdict.outcome().ordinal()].increment();
        return verdict;
    }

    void redisFailure() {
        redisFailures.increment();
    }

    void banned(String key, Duration duration, int offences, boolean manual) {
        (manual ? manualBans : automaticBans).increment();
        LOG.info(
                "abuse guard '{}' banned '{}' for {} (offence {}{})",
                name,
                key,
                duration,
                offences,
                manual ? ", manual" : "");
        for (AbuseListener listener : listeners) {
            try {
                listener.onBan(key, duration, offences, manual);
            } catch (RuntimeException e) {
                LOG.warn("abuse listener {} failed on a ban of '{}'", listener, key, e);
            }
        }
    }

    void unbanned(String key) {
        unbans.increment();
        LOG.info("abuse guard '{}' unbanned '{}'", name, key);
        for (AbuseListener listener : listeners) {
            try {
                listener.onUnban(key);
            } catch (RuntimeException e) {
                LOG.warn("abuse listener {} failed on an unban of '{}'", listener, key, e);
            }
        }
    }

    @Override
    @SuppressWarnings("EnumOrdinal") // A dense array index over a closed enum, built from values().
    public long checks(AbuseVerdict.Outcome outcome) {
        return checks[outcome.ordinal()].sum();
    }

    @Override
    public long bans(boolean manual) {
        return (manual ? manualBans : automaticBans).sum();
    }

    @Override
    public long unbans() {
        return unbans.sum();
    }

    @Override
    public long redisFailures() {
        return redisFailures.sum();
    }
}
