package dev.headroom.jobs;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.codec.Codec;
import java.time.Duration;

/** The contract on the in-memory store, with a manual clock. */
class InMemoryJobQueueTest extends JobQueueContract {

    private final ManualScheduler scheduler = new ManualScheduler();

    @Override
    protected JobQueue<String, String> create(JobQueueConfig config) {
        return JobQueue.builder(Codec.string(), Codec.string())
                .config(config)
                .scheduler(scheduler)
                .build();
    }

    @Override
    protected void elapse(Duration amount) {
        scheduler.advance(amount);
    }

    @Override
    protected void tick() {
        scheduler.advance(Duration.ofMillis(5));
    }
}
