package dev.headroom.ratelimit.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.UserKeys;
import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.Limit;
import dev.headroom.ratelimit.RateLimitPolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory limiter: per limit, a {@link StateTable} of one-long states changed by
 * compare-and-set. A decision on one limit reads the clock once, then the state, computes, and
 * compare-and-sets; if another thread won, it spins briefly ({@link CasBackoff}) and retries with
 * the same time. A denial writes nothing, so refusing scales with threads. A
 * time older than the state's only makes a bucket stricter, and a window that finds its state in a
 * later window than the time reads the clock again. A decision on several limits reads every state, computes every verdict, and
 * compare-and-sets them in order; if one set fails it gives back what it took and starts again.
 * While it holds a partial reservation a concurrent decision on one of the same keys may see it and
 * be denied; no decision ever grants more than every limit allows.
 *
 * <p>States are keyed by each key's {@link UserKeys#canonical(String) canonical form}, as on Redis,
 * so a key means the same here as there and a long key costs no more memory than a short one.
 */
public final class LocalRateLimiter extends PolicyRateLimiter {

    /** Joins a decision's first key and a later scope's key: no canonical key contains it. */
    private static final char SCOPE_SEPARATOR = '}';

    private final Ticker ticker;
    private final long origin;
    private final int maxKeys;
    private volatile Config config;

    /**
     * Creates a limiter.
     *
     * @param policy what it enforces
     * @param maxKeys the most keys one limit tracks
     * @param scheduler its time source; time 0 of every window is its ticker's reading now
     */
    public LocalRateLimiter(RateLimitPolicy policy, int maxKeys, Scheduler scheduler) {
        super(scheduler);
        this.ticker = scheduler.ticker();
        this.origin = ticker.nanoTime();
        this.maxKeys = maxKeys;
        this.config = new Config(policy, slots(policy, null));
    }

    private long now() {
        return ticker.nanoTime() - origin;
    }

    @Override
    public RateLimitPolicy policy() {
        return config.policy;
    }

    @Override
    public Decision tryAcquire(String key, int permits) {
        Config c = config;
        Slot only = c.only;
        if (only != null) {
            String id = UserKeys.canonical(key);
            Arguments.requirePermits(permits);
            return single(c.policyName, only, id, permits);
        }
        if (c.scopes.length != 1) {
            throw Arguments.wrongCount(c.policy, 1);
        }
        String id = UserKeys.canonical(key);
        Arguments.requirePermits(permits);
        return counters.count(multi(c, c.slotCount, new String[] {id}, permits));
    }

    @Override
    public Decision tryAcquire(List<String> keys, int permits) {
        Config c = config;
        if (keys.size() != c.scopes.length) {
            throw Arguments.wrongCount(c.policy, keys.size());
        }
        String[] ids = new String[keys.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = UserKeys.canonical(keys.get(i));
        }
        Arguments.requirePermits(permits);
        if (c.only != null) {
            return single(c.policyName, c.only, ids[0], permits);
        }
        return counters.count(multi(c, c.slotCount, ids, permits));
    }

    @Override
    void apply(RateLimitPolicy policy) {
        config = new Config(policy, slots(policy, config));
    }

    /** Drops every idle state now; decisions do this a little at a time on their own. */
    public void cleanUp() {
        long now = now();
        for (Slot[] scope : config.scopes) {
            for (Slot slot : scope) {
                slot.table.sweep(now, true);
            }
        }
    }

    /**
     * Returns how many keys the limit tracks, for tests of the bounds.
     *
     * @param scope the scope's index
     * @param limit the limit's index in the scope
     * @return the number of states held
     */
    public int trackedKeys(int scope, int limit) {
        return config.scopes[scope][limit].table.size();
    }

    private Decision single(String policy, Slot slot, String key, int permits) {
        LocalAlgorithm algorithm = slot.algorithm;
        StateTable table = slot.table;
        // The clock is read once, before the state, so a lost compare-and-set retries without it. A
        // bucket judged with a time older than its state's is judged more strictly, never more
        // leniently; a window whose state is ahead of that time reads the clock again.
        long now = now();
        StateCell cell = table.existing(key);
        if (cell == null) {
            cell = table.cell(key, now);
        }
        boolean allowed;
        long remaining;
        long reset;
        long retryAfter;
        while (true) {
            if (cell == null) {
                allowed = false;
                remaining = 0;
                reset = 0;
                retryAfter = slot.limit.windowNanos();
                break;
            }
            long state = cell.get();
            if (state == LocalAlgorithm.RETIRED) {
                cell = table.replace(key, cell, now);
                continue;
            }
            if (algorithm.isAhead(state, now)) {
                now = now();
                continue;
            }
            long next = algorithm.consume(state, now, permits);
            if (next == LocalAlgorithm.DENIED) {
                allowed = false;
                remaining = algorithm.remaining(state, now);
                reset = algorithm.reset(state, now);
                retryAfter = algorithm.retryAfter(state, now, permits);
                break;
            }
            if (permits == 0 || cell.compareAndSet(state, next)) {
                allowed = true;
                remaining = algorithm.remaining(next, now);
                reset = algorithm.reset(next, now);
                retryAfter = 0;
                break;
            }
            CasBackoff.afterLostRace();
        }
        if (allowed) {
            counters.allowedLocally();
        } else {
            counters.deniedLocally();
        }
        return new Decision(allowed, policy, slot.limit, remaining, reset, retryAfter, Decision.Source.LOCAL);
    }

    /** A decision over several limits, or several scopes, of canonical keys. */
    private Decision multi(Config c, int count, String[] keys, int permits) {
        Slot[] slots = new Slot[count];
        String[] slotKeys = new String[count];
        StateCell[] cells = new StateCell[count];
        long[] states = new long[count];
        long[] nexts = new long[count];
        int n = 0;
        for (int s = 0; s < keys.length; s++) {
            // As on Redis, a later scope's state belongs to the first key: a user's, per organization.
            String key = s == 0 ? keys[0] : keys[0] + SCOPE_SEPARATOR + keys[s];
            for (Slot slot : c.scopes[s]) {
                StateCell cell = slot.table.cell(key, now());
                if (cell == null) {
                    return keyRejected(c.policy.name(), slot.limit);
                }
                slots[n] = slot;
                slotKeys[n] = key;
                cells[n++] = cell;
            }
        }
        while (true) {
            for (int i = 0; i < n; i++) {
                long state = cells[i].get();
                while (state == LocalAlgorithm.RETIRED) {
                    StateCell fresh = slots[i].table.replace(slotKeys[i], cells[i], now());
                    if (fresh == null) {
                        return keyRejected(c.policy.name(), slots[i].limit);
                    }
                    cells[i] = fresh;
                    state = fresh.get();
                }
                states[i] = state;
            }
            long now = now();
            int binding = -1;
            long bindingWait = -1;
            for (int i = 0; i < n; i++) {
                nexts[i] = slots[i].algorithm.consume(states[i], now, permits);
                if (nexts[i] == LocalAlgorithm.DENIED) {
                    long wait = slots[i].algorithm.retryAfter(states[i], now, permits);
                    if (wait > bindingWait) {
                        binding = i;
                        bindingWait = wait;
                    }
                }
            }
            if (binding >= 0) {
                LocalAlgorithm algorithm = slots[binding].algorithm;
                return new Decision(
                        false,
                        c.policy.name(),
                        slots[binding].limit,
                        algorithm.remaining(states[binding], now),
                        algorithm.reset(states[binding], now),
                        bindingWait,
                        Decision.Source.LOCAL);
            }
            if (permits == 0 || commit(slots, cells, states, nexts, n, now, permits)) {
                return allowed(c.policy.name(), slots, nexts, n, now);
            }
            CasBackoff.afterLostRace();
        }
    }

    private static boolean commit(
            Slot[] slots, StateCell[] cells, long[] states, long[] nexts, int n, long now, int permits) {
        for (int i = 0; i < n; i++) {
            if (!cells[i].compareAndSet(states[i], nexts[i])) {
                for (int j = 0; j < i; j++) {
                    giveBack(slots[j].algorithm, cells[j], nexts[j], now, permits);
                }
                return false;
            }
        }
        return true;
    }

    private static void giveBack(LocalAlgorithm algorithm, StateCell cell, long consumed, long now, int permits) {
        while (true) {
            long state = cell.get();
            if (state == LocalAlgorithm.RETIRED) {
                return; // Idle since: as good as if we had never taken anything.
            }
            long undone = algorithm.undo(state, now, consumed, permits);
            if (undone == state || cell.compareAndSet(state, undone)) {
                return;
            }
        }
    }

    private static Decision allowed(String policy, Slot[] slots, long[] nexts, int n, long now) {
        int binding = 0;
        long least = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long remaining = slots[i].algorithm.remaining(nexts[i], now);
            if (remaining < least) {
                least = remaining;
                binding = i;
            }
        }
        return new Decision(
                true,
                policy,
                slots[binding].limit,
                least,
                slots[binding].algorithm.reset(nexts[binding], now),
                0,
                Decision.Source.LOCAL);
    }

    private Decision keyRejected(String policy, Limit limit) {
        return new Decision(false, policy, limit, 0, 0, limit.windowNanos(), Decision.Source.LOCAL);
    }

    private Slot[][] slots(RateLimitPolicy policy, @Nullable Config previous) {
        List<RateLimitPolicy.Scope> scopes = policy.scopes();
        Slot[][] result = new Slot[scopes.size()][];
        for (int s = 0; s < scopes.size(); s++) {
            List<Limit> limits = scopes.get(s).limits();
            result[s] = new Slot[limits.size()];
            for (int i = 0; i < limits.size(); i++) {
                Limit limit = limits.get(i);
                LocalAlgorithm algorithm = LocalAlgorithm.of(limit);
                Slot old = previous == null ? null : previous.find(s, limit.name());
                StateTable table;
                if (old != null && old.algorithm.getClass() == algorithm.getClass()) {
                    table = old.table;
                    table.algorithm(algorithm);
                } else {
                    table = new StateTable(algorithm, maxKeys, counters.keysRejectedAdder());
                }
                result[s][i] = new Slot(limit, algorithm, table);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "LocalRateLimiter{" + config.policy + ", " + counters + '}';
    }

    /** One limit of the policy in force, with its states. */
    private record Slot(Limit limit, LocalAlgorithm algorithm, StateTable table) {}

    /** The policy in force, swapped whole by {@link #updatePolicy(RateLimitPolicy)}. */
    private static final class Config {
        final RateLimitPolicy policy;
        final String policyName;
        final Slot[][] scopes;
        /** The policy's only limit, if it has one scope of one limit: the single-limit fast path. */
        final @Nullable Slot only;

        final int slotCount;

        Config(RateLimitPolicy policy, Slot[][] scopes) {
            this.policy = policy;
            this.policyName = policy.name();
            this.scopes = scopes;
            this.only = scopes.length == 1 && scopes[0].length == 1 ? scopes[0][0] : null;
            int count = 0;
            for (Slot[] scope : scopes) {
                count += scope.length;
            }
            this.slotCount = count;
        }

        @Nullable
        Slot find(int scope, String limitName) {
            for (Slot slot : scopes[scope]) {
                if (slot.limit.name().equals(limitName)) {
                    return slot;
                }
            }
            return null;
        }
    }
}
