package dev.headroom.cache.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The fetches and background refreshes in flight in this process, at most one of each per key:
 * single-flight. A read that finds a fetch of its key waits for it instead of fetching again; a
 * refresh is not started while another of the same key runs. Invalidations mark what is in flight
 * as discarded, so it stores nothing.
 */
final class Flights {

    private final String cacheName;
    private final Counters counters;
    private final ConcurrentHashMap<String, Flight> fetches = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Flight> refreshes = new ConcurrentHashMap<>();

    Flights(String cacheName, Counters counters) {
        this.cacheName = cacheName;
        this.counters = counters;
    }

    /**
     * Registers {@code candidate} as the fetch of {@code key}, or returns the fetch already running,
     * which the caller waits for (counted as a shared load).
     *
     * @throws IllegalStateException if the running fetch is led by the calling thread, blocked in the
     *     loader of that key: waiting for itself would never end
     */
    Flight join(String key, Flight candidate) {
        Flight running = fetches.putIfAbsent(key, candidate);
        if (running == null) {
            return candidate;
        }
        if (running.leader == Thread.currentThread()) {
            throw new IllegalStateException("cache '" + cacheName + "': the loader of key '" + key
                    + "' read the same key; a loader must not read the key it loads");
        }
        counters.sharedLoads.increment();
        return running;
    }

    /** Ends the fetch of {@code key}, if it is still {@code flight}. */
    void leave(String key, Flight flight) {
        fetches.remove(key, flight);
    }

    /** Registers a refresh of {@code key}; false if one is running. */
    boolean startRefresh(String key, Flight refresh) {
        return refreshes.putIfAbsent(key, refresh) == null;
    }

    /** Ends the refresh of {@code key}, if it is still {@code refresh}. */
    void endRefresh(String key, Flight refresh) {
        refreshes.remove(key, refresh);
    }

    /** Whether a refresh of {@code key} is running. */
    boolean refreshing(String key) {
        return refreshes.containsKey(key);
    }

    /** Marks the fetch and refresh of {@code key} in flight as discarded, so they store nothing. */
    void discard(String key) {
        Flight flight = fetches.remove(key);
        if (flight != null) {
            flight.discarded = true;
        }
        Flight refresh = refreshes.get(key);
        if (refresh != null) {
            refresh.discarded = true;
        }
    }

    /** Marks every fetch and refresh in flight as discarded. */
    void discardAll() {
        fetches.forEach((key, flight) -> flight.discarded = true);
        fetches.clear();
        refreshes.forEach((key, flight) -> flight.discarded = true);
    }
}
