package dev.headroom.ratelimit.internal;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a Redis call may be made and hears how it ended: the seam where a circuit
 * breaker sits, so that a limiter stops waiting on a Redis that is down.
 */
public interface RedisGuard {

    /** A guard that always calls Redis. */
    RedisGuard NONE = () -> Call.NOOP;

    /**
     * Asks to call Redis.
     *
     * @return where to report the call, or null to skip Redis and answer by the failure policy
     */
    @Nullable
    Call start();

    /** One permitted call; report it once. */
    interface Call {

        /** A call that reports nowhere. */
        Call NOOP = new Call() {
            @Override
            public void succeeded() {}

            @Override
            public void failed(Throwable failure) {}
        };

        /** The call answered. */
        void succeeded();

        /**
         * The call failed.
         *
         * @param failure why
         */
        void failed(Throwable failure);
    }
}
