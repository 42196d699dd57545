package dev.headroom.cache.internal;

import org.jspecify.annotations.Nullable;

/** How asking for a key's load lease ended: load, serve what was found, or (a refresh) do nothing. */
sealed interface LeaseOutcome {

    /** Load the key; with {@code token}, this load holds the lease and writes through it. */
    record Load(@Nullable String token, @Nullable LocalEntry fallback) implements LeaseOutcome {}

    /** Serve {@code answer}. */
    record Serve(Resolution answer) implements LeaseOutcome {}

    /** Another load holds the lease: a background refresh has nothing to do. */
    record Skip() implements LeaseOutcome {}
}
