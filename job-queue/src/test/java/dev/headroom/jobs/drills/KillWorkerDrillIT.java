package dev.headroom.jobs.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobRequest;
import dev.headroom.jobs.QueueCounts;
import dev.headroom.jobs.Retention;
import dev.headroom.jobs.WorkerOptions;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Drill: a worker JVM is killed with {@code kill -9} in the middle of 10,000 jobs. Every job still
 * completes, none is lost, and the only jobs that ran twice are those the dead worker held leased
 * at the kill.
 */
class KillWorkerDrillIT {

    private static final int JOBS = 10_000;
    private static final Duration VISIBILITY = Duration.ofSeconds(2);

    @Test
    void aWorkerKilledMidRunLosesNoJobAndDuplicatesOnlyWhatItHeld() throws Exception {
        String queue = "kill-drill";
        RedisSettings settings =
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(2)).build();
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), settings);
                JobQueue<String, String> jobs = JobQueue.builder(queue, Codec.string(), Codec.string())
                        .redis(redis)
                        .config(JobQueueConfig.builder()
                                .visibilityTimeout(VISIBILITY)
                                .build())
                        .build()) {
            JobOptions options = JobOptions.builder()
                    .maxAttempts(10)
                    .keepCompleted(Retention.keep(2 * JOBS, Duration.ofHours(1)))
                    .build();
            Set<String> added = new HashSet<>();
            for (int batch = 0; batch < JOBS / 1000; batch++) {
                List<JobRequest<String>> requests = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    requests.add(new JobRequest<>("job " + (batch * 1000 + i), options));
                }
                jobs.addBulk(requests).stream().map(AddResult::jobId).forEach(added::add);
            }
            assertThat(added).hasSize(JOBS);

            Process child = startWorkerJvm(server.uri(), queue);
            try {
                // Two waits, each bounded: a JVM starts slowly on a machine shared with other builds.
                Await.until("the child worker completed its first jobs", () -> {
                    assertThat(child.isAlive()).as("child worker alive").isTrue();
                    return jobs.counts().completed() > 0;
                });
                Await.until("the child worker completed 3,000 jobs", () -> {
                    assertThat(child.isAlive()).as("child worker alive").isTrue();
                    return jobs.counts().completed() >= 3_000;
                });
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            Set<String> heldAtKill =
                    RedisPlumbing.of(redis)
                            .sync()
                            .zrange(RedisKeys.bytes(RedisKeys.tagged(queue, "active")), 0, -1)
                            .stream()
                            .map(id -> new String(id, StandardCharsets.UTF_8))
                            .collect(Collectors.toSet());
            QueueCounts atKill = jobs.counts();
            assertThat(atKill.completed()).isLessThan(JOBS);

            jobs.worker(WorkerOptions.ofConcurrency(16), job -> {
                RedisPlumbing.of(redis)
                        .sync()
                        .hincrby(DrillWorkerMain.runsKey(queue), job.id().getBytes(StandardCharsets.UTF_8), 1);
                return null;
            });
            Await.until("every job completed", () -> jobs.counts().completed() == JOBS);

            assertThat(jobs.counts()).isEqualTo(new QueueCounts(0, 0, 0, JOBS, 0, 0));
            Map<String, Long> runs = new HashMap<>();
            RedisPlumbing.of(redis)
                    .sync()
                    .hgetall(DrillWorkerMain.runsKey(queue))
                    .forEach((id, n) -> runs.put(
                            new String(id, StandardCharsets.UTF_8),
                            Long.parseLong(new String(n, StandardCharsets.UTF_8))));
            assertThat(runs.keySet()).as("every job ran; none lost").isEqualTo(added);
            Set<String> duplicated = runs.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(heldAtKill).as("the dead worker held leases").isNotEmpty();
            assertThat(duplicated)
                    .as("only jobs in flight at the kill ran twice")
                    .isSubsetOf(heldAtKill);
            assertThat(runs.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        }
    }

    private static Process startWorkerJvm(String redisUrl, String queue) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        Path log = Path.of("target", "kill-drill-worker.log");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        classPath,
                        "-Xmx256m",
                        DrillWorkerMain.class.getName(),
                        redisUrl,
                        queue,
                        "16",
                        Long.toString(VISIBILITY.toMillis()))
                .redirectErrorStream(true)
                .redirectOutput(new File(log.toString()))
                .start();
    }
}
