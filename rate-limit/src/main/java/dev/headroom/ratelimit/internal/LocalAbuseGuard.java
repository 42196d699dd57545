package dev.headroom.ratelimit.internal;

import dev.headroom.core.Ticker;
import dev.headroom.core.UserKeys;
import dev.headroom.ratelimit.AbuseGuardConfig;
import dev.headroom.ratelimit.AbuseVerdict;
import dev.headroom.ratelimit.Decision;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory abuse guard. Per client: a fixed-window count (packed window index and count,
 * compare-and-set), the ban's end and the offences. The one check whose increment takes the count
 * from {@code limit} to {@code limit + 1} issues the ban, so concurrent checks ban once. Clients
 * with nothing to remember are swept as new clients arrive; past {@code maxClients} new clients pass
 * uncounted. Clients are keyed by their {@link UserKeys#canonical(String) canonical form}, as on
 * Redis, so a long key costs no more memory than a short one.
 */
public final class LocalAbuseGuard extends ClientAbuseGuard {

    private static final int SWEEP_PER_INSERT = 4;

    private final Ticker ticker;
    private final Decision.Source source;
    private final long origin;
    private final long window;
    private final ConcurrentHashMap<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private @Nullable Iterator<Map.Entry<String, Client>> cursor;
    private volatile long nextFullSweep = Long.MIN_VALUE;

    /**
     * Creates a guard.
     *
     * @param name its name
     * @param config the rules
     * @param ticker the clock
     */
    public LocalAbuseGuard(String name, AbuseGuardConfig config, Ticker ticker) {
        this(name, config, ticker, new AbuseEvents(name), Decision.Source.LOCAL);
    }

    /** A guard that shares a Redis guard's counters and listeners and labels its verdicts {@code source}. */
    LocalAbuseGuard(String name, AbuseGuardConfig config, Ticker ticker, AbuseEvents events, Decision.Source source) {
        super(name, config, events);
        this.ticker = ticker;
        this.origin = ticker.nanoTime();
        this.window = config.window().toNanos();
        this.source = source;
    }

    private long now() {
        return ticker.nanoTime() - origin;
    }

    @Override
    AbuseVerdict check(String key, String id) {
        long now = now();
        Client client = client(id, now);
        if (client == null) {
            return events.counted(verdict(AbuseVerdict.Outcome.ALLOWED, 0, 0));
        }
        long bannedUntil = client.bannedUntil;
        if (bannedUntil - now > 0) {
            return events.counted(verdict(AbuseVerdict.Outcome.BANNED, bannedUntil - now, client.offences));
        }
        long index = now / window;
        long count;
        while (true) {
            long state = client.window.get();
            long current = (state >>> 32) == (index & 0x7FFF_FFFFL) ? state & 0xFFFF_FFFFL : 0;
            count = current + 1;
            if (current > config.limit()
                    || client.window.compareAndSet(state, ((index & 0x7FFF_FFFFL) << 32) | count)) {
                break;
            }
        }
        if (count <= config.limit()) {
            return events.counted(verdict(AbuseVerdict.Outcome.ALLOWED, 0, client.offences));
        }
        if (count == config.limit() + 1) {
            return events.counted(offend(key, client, now));
        }
        // Over the limit while the offending check issues the ban: denied for the rest of the window.
        return events.counted(verdict(AbuseVerdict.Outcome.BANNED, window - now % window, client.offences));
    }

    private AbuseVerdict verdict(AbuseVerdict.Outcome outcome, long retryAfterNanos, int offences) {
        return new AbuseVerdict(outcome, retryAfterNanos, offences, source);
    }

    private AbuseVerdict offend(String key, Client client, long now) {
        long memory = config.offenceMemory().toNanos();
        int offences =
                client.lastOffence != Long.MIN_VALUE && now - client.lastOffence <= memory ? client.offences + 1 : 1;
        Duration ban = config.banFor(offences);
        client.offences = offences;
        client.lastOffence = now;
        client.bannedUntil = now + ban.toNanos();
        client.window.set(0);
        events.banned(key, ban, offences, false);
        return verdict(AbuseVerdict.Outcome.BANNED, ban.toNanos(), offences);
    }

    @Override
    public void ban(String key, Duration duration) {
        String id = UserKeys.canonical(key);
        remember(id, AbuseEvents.requireBan(duration).toNanos());
        events.banned(key, duration, 0, true);
    }

    @Override
    public boolean unban(String key) {
        boolean banned = unbanQuietly(UserKeys.canonical(key));
        if (banned) {
            events.unbanned(key);
        }
        return banned;
    }

    @Override
    public Optional<Duration> banRemaining(String key) {
        return banRemainingOf(UserKeys.canonical(key));
    }

    /** The ban left for a canonical key. */
    Optional<Duration> banRemainingOf(String id) {
        Client client = clients.get(id);
        long left = client == null ? 0 : client.bannedUntil - now();
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    /** Lifts a canonical key's ban without telling listeners; true if it was banned. */
    boolean unbanQuietly(String id) {
        Client client = clients.get(id);
        if (client == null || client.bannedUntil - now() <= 0) {
            return false;
        }
        client.bannedUntil = Long.MIN_VALUE / 2;
        return true;
    }

    /** Bans a canonical key for {@code banNanos} from now without telling listeners. */
    void remember(String id, long banNanos) {
        Client client = clients.computeIfAbsent(id, k -> new Client());
        client.bannedUntil = now() + banNanos;
    }

    /**
     * Returns how many clients are tracked, for tests of the bound.
     *
     * @return the number of clients in memory
     */
    public int trackedClients() {
        return clients.size();
    }

    private @Nullable Client client(String id, long now) {
        Client client = clients.get(id);
        if (client != null) {
            return client;
        }
        sweep(now);
        if (clients.size() >= config.maxClients()) {
            return null;
        }
        return clients.computeIfAbsent(id, k -> new Client());
    }

    private void sweep(long now) {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            boolean full = clients.size() >= config.maxClients()
                    && (now - nextFullSweep >= 0 || nextFullSweep == Long.MIN_VALUE);
            if (full) {
                // At most one full sweep a second: a flood of new clients must not pay one each.
                nextFullSweep = now + StateTable.FULL_SWEEP_INTERVAL_NANOS;
            }
            Iterator<Map.Entry<String, Client>> it = full ? clients.entrySet().iterator() : cursor;
            long memory = config.offenceMemory().toNanos();
            for (int i = 0; full || i < SWEEP_PER_INSERT; i++) {
                if (it == null || !it.hasNext()) {
                    if (full) {
                        break;
                    }
                    it = clients.entrySet().iterator();
                    if (!it.hasNext()) {
                        break;
                    }
                }
                Map.Entry<String, Client> entry = it.next();
                Client c = entry.getValue();
                boolean idle = c.bannedUntil - now <= 0
                        && (c.lastOffence == Long.MIN_VALUE || now - c.lastOffence > memory)
                        && ((c.window.get() >>> 32) != ((now / window) & 0x7FFF_FFFFL) || c.window.get() == 0);
                if (idle) {
                    // A check racing with this removal counts on a dropped client: it loses at most one request.
                    clients.remove(entry.getKey(), c);
                }
            }
            cursor = full ? null : it;
        } finally {
            sweeping.set(false);
        }
    }

    @Override
    public String toString() {
        return "LocalAbuseGuard{" + name + ", clients=" + clients.size() + '}';
    }

    /** What is remembered of one client. */
    private static final class Client {
        final AtomicLong window = new AtomicLong();
        volatile long bannedUntil = Long.MIN_VALUE / 2;
        volatile int offences;
        volatile long lastOffence = Long.MIN_VALUE;
    }
}
