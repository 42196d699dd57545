package dev.headroom.jobs;

import dev.headroom.core.codec.Codec;

/** The contract on the in-memory store. */
class InMemoryJobQueueTest extends JobQueueContract {

    @Override
    protected JobQueue<String, String> create(
            String name, JobQueueConfig config, Codec<String> payloads, Codec<String> results) {
        return JobQueue.builder(name, payloads, results)
                .config(config)
                .scheduler(scheduler)
                .build();
    }
}
