package dev.headroom.breaker.internal.breaker;

import java.util.concurrent.atomic.LongAdder;

/** Running totals for metrics; striped, so counting does not contend between threads. */
final class BreakerCounters {

    final LongAdder successful = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder slow = new LongAdder();
    final LongAdder ignored = new LongAdder();
    final LongAdder rejected = new LongAdder();

    void judged(boolean failure, boolean isSlow) {
        (failure ? failed : successful).increment();
        if (isSlow) {
            slow.increment();
        }
    }

    void ignored() {
        ignored.increment();
    }

    void rejected() {
        rejected.increment();
    }
}
