package dev.headroom.cache.internal;

/**
 * The one seam between the cache and whatever protects Redis calls (a circuit breaker): asked
 * before each command, told how it ended. Implementations never throw.
 */
interface RedisGuard {

    /** Asks whether a command may be sent now. */
    Permit acquire();

    /** Says whether Redis is being bypassed or failing now. */
    boolean degraded();

    /** The answer for one command. */
    interface Permit {
        boolean isPermitted();

        void onSuccess(long durationNanos);

        void onError(Throwable error, long durationNanos);
    }
}
