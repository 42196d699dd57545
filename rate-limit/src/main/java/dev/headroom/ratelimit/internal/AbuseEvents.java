package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.AbuseGuardStats;
import dev.headroom.ratelimit.AbuseListener;
import dev.headroom.ratelimit.AbuseVerdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counters and listeners of one abuse guard, and the rules its ban methods share. */
final class AbuseEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AbuseEvents.class);

    /** How much of a client key a log line shows: keys are any length. */
    private static final int LOGGED_KEY_CHARS = 100;

    private final String name;
    private final LongAdder[] checks = new LongAdder[AbuseVerdict.Outcome.values().length];
    private final LongAdder automaticBans = new LongAdder();
    private final LongAdder manualBans = new LongAdder();
    private final LongAdder unbans = new LongAdder();
    private final LongAdder redisFailures = new LongAdder();
    private final LongAdder listenerFailures = new LongAdder();
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

    /**
     * Checks a manual ban's length.
     *
     * @throws IllegalArgumentException if it is shorter than a millisecond
     */
    static Duration requireBan(Duration duration) {
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("ban duration must be at least 1 ms: " + duration);
        }
        return duration;
    }

    /** A client key as a log line shows it: whole if short, else its start and its length. */
    static String logged(String key) {
        return key.length() <= LOGGED_KEY_CHARS
                ? key
                : key.substring(0, LOGGED_KEY_CHARS) + "…(" + key.length() + " chars)";
    }

    void banned(String key, Duration duration, int offences, boolean manual) {
        (manual ? manualBans : automaticBans).increment();
        LOG.info(
                "abuse guard '{}' banned '{}' for {} (offence {}{})",
                name,
                logged(key),
                duration,
                offences,
                manual ? ", manual" : "");
        for (AbuseListener listener : listeners) {
            try {
                listener.onBan(key, duration, offences, manual);
            } catch (RuntimeException e) {
                listenerFailures.increment();
                LOG.warn("abuse listener {} failed on a ban of '{}'", listener, logged(key), e);
            }
        }
    }

    void unbanned(String key) {
        unbans.increment();
        LOG.info("abuse guard '{}' unbanned '{}'", name, logged(key));
        for (AbuseListener listener : listeners) {
            try {
                listener.onUnban(key);
            } catch (RuntimeException e) {
                listenerFailures.increment();
                LOG.warn("abuse listener {} failed on an unban of '{}'", listener, logged(key), e);
            }
        }
    }

    @SuppressWarnings("EnumOrdinal") // A dense array index over a closed enum, built from values().
    AbuseGuardStats snapshot() {
        Map<AbuseVerdict.Outcome, Long> byOutcome = new EnumMap<>(AbuseVerdict.Outcome.class);
        for (AbuseVerdict.Outcome outcome : AbuseVerdict.Outcome.values()) {
            byOutcome.put(outcome, checks[outcome.ordinal()].sum());
        }
        return new AbuseGuardStats(
                byOutcome,
                automaticBans.sum(),
                manualBans.sum(),
                unbans.sum(),
                redisFailures.sum(),
                listenerFailures.sum());
    }
}
