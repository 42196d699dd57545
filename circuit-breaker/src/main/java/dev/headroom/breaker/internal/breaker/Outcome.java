package dev.headroom.breaker.internal.breaker;

/** What a judged call counts as, coded small enough to index tables and fill a ring of ints. */
final class Outcome {

    /** No call recorded in this ring slot yet. */
    static final int EMPTY = 0;

    static final int SUCCESS = 1;
    static final int FAILURE = 2;
    static final int SLOW_SUCCESS = 3;
    static final int SLOW_FAILURE = 4;

    private Outcome() {}

    static int of(boolean failure, boolean slow) {
        if (failure) {
            return slow ? SLOW_FAILURE : FAILURE;
        }
        return slow ? SLOW_SUCCESS : SUCCESS;
    }

    static boolean isFailure(int outcome) {
        return outcome == FAILURE || outcome == SLOW_FAILURE;
    }

    static boolean isSlow(int outcome) {
        return outcome == SLOW_SUCCESS || outcome == SLOW_FAILURE;
    }
}
