package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.BulkheadRejection;
import dev.headroom.breaker.Priority;
import java.util.List;

/** Priorities as small indexes, highest first, for packed counters and arrays. */
final class Priorities {

    /** Highest first: index 0 is {@link Priority#CRITICAL}. */
    static final List<Priority> HIGHEST_FIRST =
            List.of(Priority.CRITICAL, Priority.HIGH, Priority.NORMAL, Priority.LOW);

    static final int COUNT = HIGHEST_FIRST.size();

    private Priorities() {}

    /** Indexes of {@link BulkheadRejection}s, for counter arrays. */
    static int index(BulkheadRejection rejection) {
        return switch (rejection) {
            case NO_CAPACITY -> 0;
            case QUEUE_FULL -> 1;
            case SHED -> 2;
            case TIMED_OUT -> 3;
        };
    }

    static final int REJECTIONS = BulkheadRejection.values().length;

    static int index(Priority priority) {
        return switch (priority) {
            case CRITICAL -> 0;
            case HIGH -> 1;
            case NORMAL -> 2;
            case LOW -> 3;
        };
    }
}
