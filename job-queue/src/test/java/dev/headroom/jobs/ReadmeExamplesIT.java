package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The durable-queue snippet of the job-queue README section, against the test Redis. */
@ExtendWith(RedisExtension.class)
class ReadmeExamplesIT {

    @Test
    void durableSnippetRunsTheExport(TestRedis server) {
        String url = server.uri();
        String exports = TestRedis.uniquePrefix("exports");
        // --- README snippet (url is "redis://localhost:6379", exports is "exports"; generous
        // timeouts here because CI machines are shared) ---
        try (HeadroomRedis redis = HeadroomRedis.connect(url, RedisJobQueueContract.TEST_SETTINGS);
                JobQueue<String, String> jobs = JobQueue.builder(exports, Codec.string(), Codec.string())
                        .redis(redis)
                        .build()) {
            jobs.add(
                    "client-42",
                    JobOptions.builder()
                            .jobId("export-client-42")
                            .maxAttempts(5)
                            .build());
            jobs.worker(WorkerOptions.ofConcurrency(4), job -> {
                job.progress(50);
                return "s3://exports/" + job.payload() + ".csv";
            });
            // --- end ---
            Await.until(
                    "the export completed",
                    () -> jobs.status("export-client-42")
                            .map(s -> s.state() == JobState.COMPLETED)
                            .orElse(false));
            assertThat(jobs.status("export-client-42").orElseThrow().result()).contains("s3://exports/client-42.csv");
        }
    }
}
