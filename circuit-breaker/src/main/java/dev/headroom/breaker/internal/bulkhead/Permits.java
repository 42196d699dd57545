package dev.headroom.breaker.internal.bulkhead;

import dev.headroom.breaker.BulkheadPermit;
import dev.headroom.breaker.BulkheadRejectedException;
import dev.headroom.breaker.BulkheadRejection;
import dev.headroom.breaker.Priority;
import java.util.Optional;

/** The refusals of one bulkhead, made once per priority and reason, with their exceptions. */
final class Permits {

    private final Refused[][] refusals = new Refused[Priorities.COUNT][Priorities.REJECTIONS];

    Permits(String bulkheadName) {
        for (Priority priority : Priority.values()) {
            for (BulkheadRejection rejection : BulkheadRejection.values()) {
                refusals[Priorities.index(priority)][Priorities.index(rejection)] =
                        new Refused(bulkheadName, priority, rejection);
            }
        }
    }

    BulkheadPermit refused(Priority priority, BulkheadRejection rejection) {
        return refusals[Priorities.index(priority)][Priorities.index(rejection)];
    }

    static BulkheadRejectedException exception(BulkheadPermit refused) {
        return ((Refused) refused).exception;
    }

    private static final class Refused implements BulkheadPermit {
        private final Priority priority;
        private final Optional<BulkheadRejection> rejection;
        final BulkheadRejectedException exception;

        Refused(String bulkheadName, Priority priority, BulkheadRejection rejection) {
            this.priority = priority;
            this.rejection = Optional.of(rejection);
            this.exception = new BulkheadRejectedException(bulkheadName, rejection, priority);
        }

        @Override
        public boolean isGranted() {
            return false;
        }

        @Override
        public Optional<BulkheadRejection> rejection() {
            return rejection;
        }

        @Override
        public Priority priority() {
            return priority;
        }

        @Override
        public void release() {}

        @Override
        public String toString() {
            return "BulkheadPermit{refused, " + priority + ", " + rejection.orElseThrow() + '}';
        }
    }
}
