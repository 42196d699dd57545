package dev.headroom.examples.drill;

import java.util.List;

/**
 * Says what each connection of a {@link LoadGenerator} sends next.
 *
 * <p>Implementations must be thread-safe: every connection calls {@link #next} from its own
 * thread, concurrently with the others. A plan that throws fails the step (see {@link
 * LoadGenerator#run}).
 */
@FunctionalInterface
interface RequestPlan {

    /**
     * Returns the request that connection {@code connection} (from 0) sends as its {@code
     * sequence}-th request (from 0).
     */
    DrillRequest next(int connection, long sequence);

    /**
     * A plan that walks {@code requests} in order, each connection starting {@code connection}
     * places further along, so that concurrent connections mix the requests from the first round.
     *
     * @throws IllegalArgumentException if {@code requests} is empty
     */
    static RequestPlan cycling(List<DrillRequest> requests) {
        List<DrillRequest> copy = List.copyOf(requests);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        return (connection, sequence) -> copy.get((int) ((connection + sequence) % copy.size()));
    }
}
