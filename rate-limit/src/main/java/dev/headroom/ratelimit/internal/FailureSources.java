package dev.headroom.ratelimit.internal;

import dev.headroom.ratelimit.Decision;
import dev.headroom.ratelimit.FailurePolicy;

/** Where an answer given by a {@link FailurePolicy} says it came from. */
final class FailureSources {

    private FailureSources() {}

    static Decision.Source of(FailurePolicy policy) {
        return switch (policy.mode()) {
            case FAIL_OPEN -> Decision.Source.FAIL_OPEN;
            case FAIL_CLOSED -> Decision.Source.FAIL_CLOSED;
            case LOCAL_FALLBACK -> Decision.Source.LOCAL_FALLBACK;
        };
    }
}
